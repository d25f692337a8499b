package io.comply360.tenant.settings;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.comply360.platform.error.ProblemException;

/**
 * Agency logos. Only PNG and JPEG are taken (no SVG: it can carry scripts), told apart by their bytes, not by
 * what the data URL claims. The size is checked before decoding (a small file can declare a huge image), then
 * the picture is drawn anew and written as a PNG: whatever else the upload carried (metadata, trailing data,
 * polyglot tricks) is left behind.
 */
public final class LogoImages {

    public static final int MAX_BYTES = 512 * 1024;
    public static final int MAX_SIDE = 1024;

    private static final Pattern DATA_URL = Pattern.compile("data:(image/[a-z+.-]+);base64,([A-Za-z0-9+/=\\s]+)");

    private LogoImages() {
    }

    /** The logo as a re-encoded PNG data URL, or a 422 problem naming {@code logo} with what is wrong. */
    public static String normalise(String dataUrl) {
        Matcher matcher = DATA_URL.matcher(dataUrl);
        if (!matcher.matches()) {
            throw ProblemException.invalid("logo", "must be a data URL: data:image/png;base64,... or data:image/jpeg;base64,...");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("logo", "is not valid base64");
        }
        if (bytes.length > MAX_BYTES) {
            throw ProblemException.invalid("logo", "must be at most " + MAX_BYTES / 1024 + " KB");
        }
        if (!isPng(bytes) && !isJpeg(bytes)) {
            throw ProblemException.invalid("logo", "must be a PNG or JPEG image (SVG and other formats are not accepted)");
        }
        BufferedImage image = read(bytes);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            BufferedImage clean = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            clean.createGraphics().drawImage(image, 0, 0, null);
            ImageIO.write(clean, "png", png);
        } catch (IOException e) {
            throw ProblemException.invalid("logo", "cannot be re-encoded");
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static BufferedImage read(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw ProblemException.invalid("logo", "cannot be read as an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) {
                    throw ProblemException.invalid("logo", "must be at most " + MAX_SIDE + " × " + MAX_SIDE + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw ProblemException.invalid("logo", "cannot be read as an image");
        }
    }

    private static boolean isPng(byte[] b) {
        return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }
}

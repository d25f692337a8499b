package io.comply360.tenant.settings;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.comply360.platform.error.ProblemException;

/**
 * Agency logos. Only PNG and JPEG are taken (no SVG: it can carry scripts), told apart by their bytes, not by what
 * the client claims. The size is checked before decoding (a small file can declare a huge image), then the picture
 * is drawn anew and written in its own format — PNG as PNG, JPEG as JPEG (quality 0.9: a photo stays the size it
 * was; as PNG it would grow tenfold). Whatever else the upload carried (metadata, trailing data, polyglot tricks) is
 * left behind.
 */
public final class LogoImages {

    public static final int MAX_BYTES = 512 * 1024;
    public static final int MAX_SIDE = 1024;
    private static final float JPEG_QUALITY = 0.9f;

    private LogoImages() {}

    /** The image as it will be stored and served. */
    public record Logo(byte[] bytes, String mediaType, int width, int height, String sha256) {}

    /** The logo re-encoded, or a 422 problem naming {@code logo} with what is wrong. */
    public static Logo normalise(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw ProblemException.invalid("logo", "must be a PNG or JPEG image; the body is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw ProblemException.invalid("logo", "must be at most " + MAX_BYTES / 1024 + " KB");
        }
        boolean png = isPng(bytes);
        if (!png && !isJpeg(bytes)) {
            throw ProblemException.invalid(
                    "logo", "must be a PNG or JPEG image (SVG and other formats are not accepted)");
        }
        BufferedImage image = read(bytes);
        BufferedImage clean = new BufferedImage(
                image.getWidth(), image.getHeight(), png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        clean.createGraphics().drawImage(image, 0, 0, null);
        byte[] encoded = png ? writePng(clean) : writeJpeg(clean);
        return new Logo(
                encoded, png ? "image/png" : "image/jpeg", clean.getWidth(), clean.getHeight(), sha256(encoded));
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
                    throw ProblemException.invalid(
                            "logo", "must be at most " + MAX_SIDE + " × " + MAX_SIDE + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalid("logo", "cannot be read as an image");
        }
    }

    private static byte[] writePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw ProblemException.invalid("logo", "cannot be re-encoded");
        }
        return out.toByteArray();
    }

    private static byte[] writeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw ProblemException.invalid("logo", "cannot be re-encoded");
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPng(byte[] b) {
        return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
    }
}

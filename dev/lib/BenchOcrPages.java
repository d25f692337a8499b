// dev/bench ocr's test pages: `java dev/lib/BenchOcrPages.java <directory> <count>` writes page-001.png ... as
// A4 at 300 dpi (2480 x 3508 pixels, 8-bit grayscale, the resolution recorded in the file), each a certified copy of
// a South African identity document with other made-up details, so that every page has a SHA-256 of its own and
// is read afresh. Java 17, headless AWT (the fonts come with the JDK's fontconfig dependency); run as a single
// source file, nothing to build.

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Random;
import java.util.stream.IntStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

public class BenchOcrPages {

    static final int WIDTH = 2480;
    static final int HEIGHT = 3508;
    static final int DPI = 300;

    static final String[] SURNAMES = {
        "MOKOENA", "NKOSI", "DLAMINI", "VAN DER MERWE", "BOTHA", "NAIDOO", "PILLAY", "KHUMALO", "SITHOLE",
        "JOUBERT", "PRETORIUS", "NDLOVU", "MABASO", "DU PLESSIS", "MOLEFE", "VENTER"
    };
    static final String[] NAMES = {
        "THANDEKA", "SIPHO", "JOHANNES", "ANNA", "PIETER", "LERATO", "NOMVULA", "ANDILE", "PRIYA", "JACO",
        "ZANELE", "MARIA", "KAGISO", "ELSABE", "TSHEPO", "FATIMA"
    };
    static final String[] PLACES = {"JOHANNESBURG", "CAPE TOWN", "DURBAN", "PRETORIA", "BLOEMFONTEIN", "GQEBERHA"};

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java BenchOcrPages.java <directory> <count>");
            System.exit(64);
        }
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        IntStream.rangeClosed(1, count).parallel().forEach(i -> {
            try {
                write(page(i), dir.resolve(String.format("page-%03d.png", i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.out.println(count + " pages of " + WIDTH + " x " + HEIGHT + " pixels (A4, " + DPI + " dpi) in " + dir);
    }

    /** Page {@code n}: the same layout, other details (the same n gives the same page). */
    static BufferedImage page(int n) {
        Random random = new Random(360_000L + n);
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        String names = NAMES[random.nextInt(NAMES.length)] + " " + NAMES[random.nextInt(NAMES.length)];
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        boolean female = random.nextBoolean();
        String idNumber = idNumber(born, female, random);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        // The copied document: a frame with the photo's place and the details, in the top half of the page.
        int left = 300;
        int top = 360;
        g.setColor(new Color(40, 40, 40));
        g.setStroke(new BasicStroke(6));
        g.drawRect(left - 80, top - 140, WIDTH - 2 * (left - 80), 1780);
        g.setColor(new Color(200, 200, 200));
        g.fillRect(WIDTH - left - 560, top + 260, 560, 700);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 92));
        g.drawString("REPUBLIC OF SOUTH AFRICA", left, top);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 76));
        g.drawString("IDENTITY DOCUMENT", left, top + 140);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 62));
        int y = top + 340;
        for (String line : new String[] {
            "Surname: " + surname,
            "Names: " + names,
            "Identity Number: " + idNumber,
            "Date of Birth: " + born,
            "Sex: " + (female ? "F" : "M"),
            "Country of Birth: SOUTH AFRICA",
            "Nationality: RSA",
            "Date Issued: " + born.plusYears(18).plusDays(random.nextInt(3000)),
        }) {
            g.drawString(line, left, y);
            y += 150;
        }

        // The certification below it, as a commissioner of oaths writes it.
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 54));
        y = top + 1900;
        for (String line : new String[] {
            "I certify that this is a true copy of the original document shown to me,",
            "and that the original has not been altered in any way.",
            "",
            "Commissioner of Oaths: " + NAMES[random.nextInt(NAMES.length)] + " "
                    + SURNAMES[random.nextInt(SURNAMES.length)],
            "Designation: Attorney of the High Court of South Africa",
            "Address: " + (10 + random.nextInt(190)) + " Long Street, " + PLACES[random.nextInt(PLACES.length)],
            "Date: " + LocalDate.of(2026, 1, 5).plusDays(random.nextInt(300)),
        }) {
            g.drawString(line, left - 60, y);
            y += 110;
        }
        g.setStroke(new BasicStroke(4));
        g.drawLine(left - 60, y + 120, left + 900, y + 120);
        g.drawString("Signature", left - 60, y + 200);
        g.dispose();
        return image;
    }

    /** A South African identity number: date of birth, sex, citizen, and the Luhn check digit. */
    static String idNumber(LocalDate born, boolean female, Random random) {
        int sequence = female ? random.nextInt(5000) : 5000 + random.nextInt(5000);
        String first12 = String.format(
                "%02d%02d%02d%04d0%d",
                born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth(), sequence, 8);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = first12.charAt(11 - i) - '0';
            // From the right of the 13-digit number, the check digit being position 1: double every second one.
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return first12 + (10 - sum % 10) % 10;
    }

    /** A grayscale PNG that records its resolution (tesseract otherwise guesses 70 dpi and reads worse). */
    static void write(BufferedImage image, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        String format = "javax_imageio_png_1.0";
        IIOMetadataNode root = new IIOMetadataNode(format);
        IIOMetadataNode physical = new IIOMetadataNode("pHYs");
        String perMetre = Integer.toString((int) Math.round(DPI / 0.0254));
        physical.setAttribute("pixelsPerUnitXAxis", perMetre);
        physical.setAttribute("pixelsPerUnitYAxis", perMetre);
        physical.setAttribute("unitSpecifier", "meter");
        root.appendChild(physical);
        metadata.mergeTree(format, root);
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }
}

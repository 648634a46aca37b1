package dev.locket.adapters.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.file.ThumbSize;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageIoThumbnailsTest {
    private final ImageIoThumbnails thumbs = new ImageIoThumbnails();

    /** 300x200: top third red, middle green, bottom third blue. */
    private static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            int rgb = y < 66 ? Color.RED.getRGB() : y < 133 ? Color.GREEN.getRGB() : Color.BLUE.getRGB();
            for (int x = 0; x < 300; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private BufferedImage thumb(byte[] src, String type, String size, String expectedType) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String written = thumbs.render(new ByteArrayInputStream(src), type, ThumbSize.parse(size).orElseThrow(), out);
        assertEquals(expectedType, written);
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void everySizeFormHasItsDimensions() throws IOException {
        byte[] png = image("png");
        BufferedImage crop = thumb(png, "image/png", "70x50", "image/png");
        assertEquals(70, crop.getWidth());
        assertEquals(50, crop.getHeight());
        BufferedImage fit = thumb(png, "image/png", "70x50f", "image/png");
        assertEquals(70, fit.getWidth());
        assertEquals(47, fit.getHeight());
        BufferedImage byHeight = thumb(png, "image/png", "0x50", "image/png");
        assertEquals(75, byHeight.getWidth());
        BufferedImage byWidth = thumb(png, "image/png", "60x0", "image/png");
        assertEquals(40, byWidth.getHeight());
    }

    @Test
    void topAndBottomCropsKeepTheirEdge() throws IOException {
        byte[] png = image("png");
        assertEquals(Color.RED.getRGB(), thumb(png, "image/png", "100x20t", "image/png").getRGB(50, 10));
        assertEquals(Color.BLUE.getRGB(), thumb(png, "image/png", "100x20b", "image/png").getRGB(50, 10));
        assertEquals(Color.GREEN.getRGB(), thumb(png, "image/png", "100x20", "image/png").getRGB(50, 10));
    }

    @Test
    void jpegExifOrientationIsAppliedBeforeResizing() throws IOException {
        byte[] jpeg = image("jpeg");
        // APP1 "Exif\0\0" + big-endian TIFF with one IFD0 entry: orientation (0x0112) = 6 (rotate 90 CW)
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).put(new byte[] {'M', 'M', 0, 42}).putInt(8)
                .putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) 6).putShort((short) 0).putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes()).put(tiff.array()).array();
        ByteBuffer withExif = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        withExif.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif)
                .put(jpeg, 2, jpeg.length - 2);
        BufferedImage t = thumb(withExif.array(), "image/jpeg", "0x60", "image/jpeg");
        assertEquals(40, t.getWidth()); // the 300x200 original stands upright as 200x300
        assertEquals(60, t.getHeight());
    }

    @Test
    void jpegAndGifKeepTheirFormat() throws IOException {
        thumb(image("jpeg"), "image/jpeg", "50x50", "image/jpeg");
        thumb(image("gif"), "image/gif", "50x50", "image/gif");
    }

    @Test
    void corruptImagesAndPixelFloodsAreRefusedBeforeDecoding() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ThumbSize size = ThumbSize.parse("100x100").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> thumbs.render(
                new ByteArrayInputStream("not an image".getBytes()), "image/png", size, sink));
        // a tiny PNG header claiming 100000 x 100000 pixels
        assertThrows(IllegalArgumentException.class, () -> thumbs.render(
                new ByteArrayInputStream(flood()), "image/png", size, sink));
    }

    private static byte[] flood() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] type = "IHDR".getBytes();
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put(type).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}

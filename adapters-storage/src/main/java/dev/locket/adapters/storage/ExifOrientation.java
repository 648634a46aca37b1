package dev.locket.adapters.storage;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** Reads a JPEG's EXIF orientation (tag 0x0112) from its first bytes and applies it to the decoded image. */
final class ExifOrientation {
    /** How many leading bytes are searched for the EXIF block. */
    static final int HEAD = 128 * 1024;

    private ExifOrientation() {
    }

    /** The orientation 1–8, or 1 when the bytes carry none. */
    static int read(byte[] b, int n) {
        if (n < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int i = 2;
        while (i + 4 <= n && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xE1 && i + 10 <= n && b[i + 4] == 'E' && b[i + 5] == 'x' && b[i + 6] == 'i' && b[i + 7] == 'f') {
                return fromTiff(b, i + 10, Math.min(n, i + 2 + len));
            }
            if (marker == 0xDA) {
                return 1; // image data starts: no EXIF before it
            }
            i += 2 + len;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int t, int end) {
        if (t + 8 > end) {
            return 1;
        }
        boolean little = b[t] == 'I';
        int ifd = t + u32(b, t + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int count = u16(b, ifd, little);
        for (int k = 0; k < count; k++) {
            int e = ifd + 2 + k * 12;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) : ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int u32(byte[] b, int i, boolean little) {
        return little ? u16(b, i, true) | (u16(b, i + 2, true) << 16) : (u16(b, i, false) << 16) | u16(b, i + 2, false);
    }

    /** The image as a viewer shows it (EXIF orientations 2–8: mirrors and quarter turns). */
    static BufferedImage apply(BufferedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

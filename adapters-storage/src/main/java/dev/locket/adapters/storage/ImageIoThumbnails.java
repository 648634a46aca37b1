package dev.locket.adapters.storage;

import dev.locket.application.port.out.Thumbnails;
import dev.locket.domain.file.MimeTypes;
import dev.locket.domain.file.ThumbSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Thumbnails with the JDK's image codecs (PNG, JPEG, GIF, BMP; WebP is not readable, so such originals
 * are served as they are); a JPEG's EXIF orientation is applied first. Dimensions are read from the header before decoding, so a small file that
 * claims a huge canvas (pixel flood) is refused instead of exhausting memory.
 */
final class ImageIoThumbnails implements Thumbnails {
    /** Largest canvas decoded (about 200 MB of ARGB pixels). */
    static final long MAX_PIXELS = 50_000_000L;

    @Override
    public String render(InputStream original, String originalType, ThumbSize size, OutputStream out) {
        String base = MimeTypes.base(originalType);
        BufferedInputStream in = new BufferedInputStream(original, ExifOrientation.HEAD);
        int orientation = 1;
        if (base.equals("image/jpeg") || base.equals("image/jpg")) {
            try {
                in.mark(ExifOrientation.HEAD);
                byte[] head = in.readNBytes(ExifOrientation.HEAD);
                orientation = ExifOrientation.read(head, head.length);
                in.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        BufferedImage src = ExifOrientation.apply(read(in), orientation);
        BufferedImage thumb = resize(src, size);
        String format = base.equals("image/jpeg") || base.equals("image/jpg") ? "jpeg"
                : base.equals("image/gif") ? "gif" : "png";
        try {
            BufferedImage toWrite = format.equals("png") ? thumb : opaque(thumb);
            if (!ImageIO.write(toWrite, format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return switch (format) {
            case "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            default -> "image/png";
        };
    }

    private static BufferedImage read(InputStream in) {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            if (iis == null) {
                throw new IllegalArgumentException("unreadable image");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("unsupported image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new IllegalArgumentException("image too large: " + w + "x" + h);
                }
                return reader.read(0); // animated images: the first frame
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("unreadable image", e);
        }
    }

    /** imaging's Fill (cover + crop at an anchor), Fit (inside, never enlarged) and Resize (one side 0). */
    static BufferedImage resize(BufferedImage src, ThumbSize size) {
        int sw = src.getWidth();
        int sh = src.getHeight();
        int w = size.width();
        int h = size.height();
        if (w == 0 || h == 0) {
            int tw = w == 0 ? (int) Math.max(1, Math.round((double) sw * h / sh)) : w;
            int th = h == 0 ? (int) Math.max(1, Math.round((double) sh * w / sw)) : h;
            return scale(src, 0, 0, sw, sh, tw, th);
        }
        if (size.mode() == ThumbSize.Mode.FIT) {
            if (sw <= w && sh <= h) {
                return scale(src, 0, 0, sw, sh, sw, sh);
            }
            double ratio = Math.min((double) w / sw, (double) h / sh);
            int tw = (int) Math.max(1, Math.round(sw * ratio));
            int th = (int) Math.max(1, Math.round(sh * ratio));
            return scale(src, 0, 0, sw, sh, tw, th);
        }
        // crop the source region that has the target aspect, then scale it
        double target = (double) w / h;
        int cw = sw;
        int ch = sh;
        if ((double) sw / sh > target) {
            cw = (int) Math.max(1, Math.round(sh * target));
        } else {
            ch = (int) Math.max(1, Math.round(sw / target));
        }
        int cx = (sw - cw) / 2;
        int cy = switch (size.mode()) {
            case TOP -> 0;
            case BOTTOM -> sh - ch;
            case CENTER, FIT -> (sh - ch) / 2;
        };
        return scale(src, cx, cy, cw, ch, w, h);
    }

    private static BufferedImage scale(BufferedImage src, int x, int y, int cw, int ch, int tw, int th) {
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, tw, th, x, y, x + cw, y + ch, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** JPEG (and the JDK's GIF writer) take no alpha channel. */
    private static BufferedImage opaque(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

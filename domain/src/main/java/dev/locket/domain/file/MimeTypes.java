package dev.locket.domain.file;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content type detection from the first bytes of a file (magic numbers, as upstream's detector does for
 * the common types), the types served inline, and the allowed-type comparison with aliases.
 */
public final class MimeTypes {
    /** How many leading bytes {@link #detect} looks at. */
    public static final int SNIFF_LENGTH = 3072;
    public static final String OCTET_STREAM = "application/octet-stream";

    /** files.md §4: anything else is served as an attachment. */
    private static final Set<String> INLINE = Set.of("image/png", "image/jpg", "image/jpeg", "image/gif",
            "image/webp", "image/x-icon", "image/bmp", "video/webm", "video/mp4", "video/3gpp", "video/quicktime",
            "video/x-ms-wmv", "audio/basic", "audio/aiff", "audio/mpeg", "audio/midi", "audio/mp3", "audio/wave",
            "audio/wav", "audio/x-wav", "audio/x-mpeg", "audio/x-m4a", "audio/aac", "application/pdf",
            "application/x-pdf");
    /** Fixed response types by extension (files.md §4). */
    private static final Map<String, String> BY_EXTENSION = Map.of(
            ".svg", "image/svg+xml", ".css", "text/css", ".js", "text/javascript", ".mjs", "text/javascript",
            ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    private static final Set<String> THUMBABLE = Set.of("image/png", "image/jpg", "image/jpeg", "image/gif",
            "image/webp");
    private static final Map<String, List<String>> ALIASES = Map.of(
            "image/jpeg", List.of("image/jpg", "image/pjpeg"),
            "image/x-icon", List.of("image/vnd.microsoft.icon"),
            "audio/mpeg", List.of("audio/x-mpeg", "audio/mp3", "audio/x-mp3"),
            "audio/wav", List.of("audio/x-wav", "audio/vnd.wave", "audio/wave"),
            "application/pdf", List.of("application/x-pdf"),
            "application/zip", List.of("application/x-zip", "application/x-zip-compressed"),
            "text/xml", List.of("application/xml"),
            "application/json", List.of());

    private MimeTypes() {
    }

    /** The detected type of content starting with {@code head} (parameters kept, e.g. text charsets). */
    public static String detect(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (starts(head, n, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(head, n, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsText(head, n, "GIF87a") || startsText(head, n, "GIF89a")) {
            return "image/gif";
        }
        if (startsText(head, n, "RIFF") && n >= 12 && text(head, 8, 4).equals("WEBP")) {
            return "image/webp";
        }
        if (startsText(head, n, "RIFF") && n >= 12 && text(head, 8, 4).equals("WAVE")) {
            return "audio/wav";
        }
        if (startsText(head, n, "RIFF") && n >= 12 && text(head, 8, 4).equals("AVI ")) {
            return "video/x-msvideo";
        }
        if (startsText(head, n, "BM") && n >= 14) {
            return "image/bmp";
        }
        if (starts(head, n, 0x00, 0x00, 0x01, 0x00)) {
            return "image/x-icon";
        }
        if (startsText(head, n, "%PDF-")) {
            return "application/pdf";
        }
        if (starts(head, n, 'P', 'K', 0x03, 0x04)) {
            return "application/zip";
        }
        if (starts(head, n, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (starts(head, n, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "video/webm";
        }
        if (n >= 12 && text(head, 4, 4).equals("ftyp")) {
            String brand = text(head, 8, 4);
            return brand.startsWith("qt") ? "video/quicktime" : brand.startsWith("3g") ? "video/3gpp"
                    : brand.startsWith("M4A") ? "audio/x-m4a" : "video/mp4";
        }
        if (startsText(head, n, "ID3") || starts(head, n, 0xFF, 0xFB)) {
            return "audio/mpeg";
        }
        if (startsText(head, n, "OggS")) {
            return "audio/ogg";
        }
        if (!utf8(head, n)) {
            return OCTET_STREAM;
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8).stripLeading();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<svg") || (lower.startsWith("<?xml") && lower.contains("<svg"))) {
            return "image/svg+xml";
        }
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.startsWith("<head")
                || lower.startsWith("<body") || lower.startsWith("<script") || lower.startsWith("<iframe")) {
            return "text/html; charset=utf-8";
        }
        if (lower.startsWith("<?xml")) {
            return "text/xml; charset=utf-8";
        }
        if ((text.startsWith("{") || text.startsWith("[")) && looksLikeJson(text)) {
            return "application/json";
        }
        return "text/plain; charset=utf-8";
    }

    /** The type without parameters, lower-cased. */
    public static String base(String type) {
        if (type == null) {
            return "";
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether a detected type satisfies one allowed entry (parameters ignored, aliases honoured). */
    public static boolean matches(String detected, String allowed) {
        String d = base(detected);
        String a = base(allowed);
        if (d.equals(a)) {
            return true;
        }
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            boolean dIn = e.getKey().equals(d) || e.getValue().contains(d);
            boolean aIn = e.getKey().equals(a) || e.getValue().contains(a);
            if (dIn && aIn) {
                return true;
            }
        }
        return false;
    }

    public static boolean inline(String storedType) {
        return INLINE.contains(storedType == null ? "" : storedType);
    }

    public static boolean thumbable(String storedType) {
        return THUMBABLE.contains(base(storedType));
    }

    /** The response type: fixed for a few extensions, else the stored (detected) type. */
    public static String served(String name, String storedType) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        String fixed = BY_EXTENSION.get(ext);
        if (fixed != null) {
            return fixed;
        }
        return storedType == null || storedType.isEmpty() ? OCTET_STREAM : storedType;
    }

    /** The usual extension of a type ({@code ""} when unknown). */
    public static String extension(String type) {
        return switch (base(type)) {
            case "image/png" -> ".png";
            case "image/jpeg", "image/jpg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "image/webp" -> ".webp";
            case "image/bmp" -> ".bmp";
            case "image/x-icon" -> ".ico";
            case "image/svg+xml" -> ".svg";
            case "application/pdf" -> ".pdf";
            case "application/zip" -> ".zip";
            case "application/gzip" -> ".gz";
            case "application/json" -> ".json";
            case "text/html" -> ".html";
            case "text/xml" -> ".xml";
            case "text/plain" -> ".txt";
            case "video/mp4" -> ".mp4";
            case "video/webm" -> ".webm";
            case "audio/mpeg" -> ".mp3";
            case "audio/wav" -> ".wav";
            default -> "";
        };
    }

    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        return (t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"));
    }

    private static boolean utf8(byte[] b, int n) {
        // A multi-byte character cut by the sniff window is still text: drop up to 3 trailing bytes.
        for (int cut = 0; cut <= Math.min(3, n); cut++) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n - cut));
                for (int i = 0; i < n - cut; i++) {
                    int c = b[i] & 0xFF;
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x0C && c != 0x1B) {
                        return false;
                    }
                }
                return true;
            } catch (CharacterCodingException e) {
                // try a shorter window
            }
        }
        return false;
    }

    private static boolean starts(byte[] b, int n, int... magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsText(byte[] b, int n, String s) {
        return n >= s.length() && text(b, 0, s.length()).equals(s);
    }

    private static String text(byte[] b, int from, int len) {
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }
}

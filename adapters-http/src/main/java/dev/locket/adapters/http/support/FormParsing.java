package dev.locket.adapters.http.support;

import dev.locket.domain.error.BadRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses url-encoded and multipart form bodies into ordered text values per key. */
final class FormParsing {

    private static final Pattern NAME = Pattern.compile("(?i);\\s*name\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename\\*?\\s*=");

    private FormParsing() {
    }

    static Map<String, List<String>> urlEncoded(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : text.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                v = URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest();
            }
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /**
     * The text parts of a multipart/form-data body. File parts (those with a filename) are skipped:
     * uploads are handled by a later issue.
     */
    static Map<String, List<String>> multipartText(byte[] body, String boundary) {
        if (boundary == null || boundary.isEmpty()) {
            throw new BadRequest();
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<String>> out = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new BadRequest();
        }
        while (true) {
            int after = pos + delimiter.length;
            if (startsWith(body, after, "--")) {
                return out; // closing delimiter
            }
            int headersStart = skipLineEnd(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw new BadRequest();
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
            if (next < 0) {
                throw new BadRequest();
            }
            String disposition = "";
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    disposition = line;
                }
            }
            Matcher m = NAME.matcher(disposition);
            if (m.find() && !FILENAME.matcher(disposition).find()) {
                String name = m.group(2) != null ? m.group(2).replace("\\\"", "\"") : m.group(1);
                String value = new String(body, contentStart, next - contentStart, StandardCharsets.UTF_8);
                out.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
            }
            pos = next + 2;
        }
    }

    private static int skipLineEnd(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n') {
            return i + 2;
        }
        if (i < b.length && b[i] == '\n') {
            return i + 1;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

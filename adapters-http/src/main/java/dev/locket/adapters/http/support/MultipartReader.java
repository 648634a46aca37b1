package dev.locket.adapters.http.support;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.TooLarge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a multipart/form-data body: text parts are kept in memory, file parts are either spooled to
 * temp files or skipped. The byte count is checked while reading, so an oversized body fails with
 * {@link TooLarge} as soon as it crosses the limit, without being buffered first.
 */
public final class MultipartReader {
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;\\s]+)");
    private static final int MAX_HEADERS = 16 * 1024;
    /**
     * Text parts are held in memory: at most Go's multipart allowance for them (PocketBase's 32 MiB
     * {@code DefaultMaxMemory} plus the 10 MiB Go adds for non-file parts), whatever the body limit.
     */
    static final long MAX_TEXT = (32L << 20) + (10L << 20);

    /** A spooled file part. */
    public record FilePart(String key, String filename, Path path, long size) {
        /** The spooled content from {@code offset} on (the caller closes it): {@code part::open} is a file content. */
        public InputStream open(long offset) {
            try {
                InputStream content = Files.newInputStream(path);
                content.skipNBytes(offset);
                return content;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The parsed form: text values by key (in order) and the file parts. */
    public record Result(Map<String, List<String>> values, List<FilePart> files) {
    }

    private final InputStream in;
    private final long limit;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private long total;
    private boolean eof;

    private MultipartReader(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /**
     * Reads the whole body. When {@code spoolFiles} is false file parts are read past and dropped. On
     * any failure temp files already written are deleted.
     */
    public static Result read(InputStream in, String boundary, long limit, boolean spoolFiles) {
        if (boundary == null || boundary.isEmpty()) {
            throw new BadRequest();
        }
        MultipartReader r = new MultipartReader(in, limit);
        List<FilePart> files = new ArrayList<>();
        try {
            return r.parse(boundary, spoolFiles, files);
        } catch (IOException | RuntimeException e) {
            delete(files);
            if (e instanceof TooLarge || e instanceof BadRequest) {
                throw (RuntimeException) e;
            }
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    public static void delete(List<FilePart> files) {
        for (FilePart f : files) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException ignored) {
                // temp folder cleanup is best effort
            }
        }
    }

    private Result parse(String boundary, boolean spoolFiles, List<FilePart> files) throws IOException {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<String>> values = new LinkedHashMap<>();
        long textBytes = 0;
        // preamble up to the first delimiter (which may start the body without a CRLF)
        if (!skipTo(first)) {
            throw new BadRequest();
        }
        while (true) {
            if (!ensure(2)) {
                throw new BadRequest();
            }
            if (buf[pos] == '-' && buf[pos + 1] == '-') {
                return new Result(values, files); // closing delimiter; an epilogue is ignored
            }
            skipLineEnd();
            String headers = readHeaders();
            String disposition = "";
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    disposition = line;
                }
            }
            Matcher nm = NAME.matcher(disposition);
            String name = nm.find() ? unquote(nm.group(1), nm.group(2)) : null;
            Matcher fm = FILENAME.matcher(disposition);
            String filename = fm.find() ? unquote(fm.group(1), fm.group(2)) : "";
            if (name != null && !filename.isEmpty()) {
                if (spoolFiles) {
                    Path tmp = Files.createTempFile("locket-upload-", ".part");
                    FilePart part = new FilePart(name, baseName(filename), tmp, 0);
                    files.add(part);
                    long size;
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        size = copyUntil(delimiter, out);
                    }
                    files.set(files.size() - 1, new FilePart(name, part.filename(), tmp, size));
                } else {
                    copyUntil(delimiter, OutputStream.nullOutputStream());
                }
            } else {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                textBytes += copyUntil(delimiter, new CappedOutput(text, MAX_TEXT - textBytes));
                if (name != null) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(text.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Go's multipart reader keeps only the last path element of a client file name. */
    private static String baseName(String filename) {
        String f = filename.replace('\\', '/');
        int slash = f.lastIndexOf('/');
        return slash >= 0 ? f.substring(slash + 1) : f;
    }

    private static String unquote(String raw, String quoted) {
        return quoted != null ? quoted.replace("\\\"", "\"").replace("\\\\", "\\") : raw;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        // the part may have no headers at all: the blank line follows the delimiter line directly
        if (ensure(2) && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
            return "";
        }
        while (true) {
            if (!ensure(end.length)) {
                throw new BadRequest();
            }
            int i = indexOf(end, pos, this.end);
            if (i >= 0) {
                out.write(buf, pos, i - pos);
                pos = i + end.length;
                return out.toString(StandardCharsets.UTF_8);
            }
            int keep = end.length - 1;
            int n = this.end - pos - keep;
            if (n > 0) {
                out.write(buf, pos, n);
                pos += n;
            }
            if (out.size() > MAX_HEADERS) {
                throw new BadRequest();
            }
            if (!fill()) {
                throw new BadRequest();
            }
        }
    }

    /** Copies bytes up to the delimiter (consumed, not copied) and answers how many were copied. */
    private long copyUntil(byte[] delimiter, OutputStream out) throws IOException {
        long copied = 0;
        while (true) {
            ensure(delimiter.length);
            int i = indexOf(delimiter, pos, end);
            if (i >= 0) {
                out.write(buf, pos, i - pos);
                copied += i - pos;
                pos = i + delimiter.length;
                return copied;
            }
            int safe = end - pos - (delimiter.length - 1);
            if (safe > 0) {
                out.write(buf, pos, safe);
                copied += safe;
                pos += safe;
            }
            if (!fill()) {
                throw new BadRequest(); // body ended inside a part
            }
        }
    }

    private boolean skipTo(byte[] marker) throws IOException {
        while (true) {
            ensure(marker.length);
            int i = indexOf(marker, pos, end);
            if (i >= 0) {
                pos = i + marker.length;
                return true;
            }
            pos = Math.max(pos, end - (marker.length - 1));
            if (!fill()) {
                return false;
            }
        }
    }

    private void skipLineEnd() throws IOException {
        while (ensure(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        if (ensure(2) && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
        } else if (ensure(1) && buf[pos] == '\n') {
            pos++;
        }
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false at end of input. */
    private boolean ensure(int n) throws IOException {
        while (end - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Compacts and reads more; false when the input is exhausted. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
            return false;
        }
        total += n;
        if (total > limit) {
            throw new TooLarge();
        }
        end += n;
        return true;
    }

    /** Fails (Go: "multipart: message too large", a 400) once more than {@code room} bytes are written. */
    private static final class CappedOutput extends OutputStream {
        private final OutputStream out;
        private long room;

        CappedOutput(OutputStream out, long room) {
            this.out = out;
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            room -= len;
            if (room < 0) {
                throw new BadRequest();
            }
            out.write(b, off, len);
        }
    }

    private int indexOf(byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

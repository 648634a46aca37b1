package dev.locket.adapters.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out, written the way Go's {@code encoding/json} writes it, because clients and the
 * conformance fragments compare PocketBase's exact spelling: {@code <>&} and U+2028/U+2029 escaped
 * with lower-case hex, whole floats without {@code .0}, large and tiny floats in Go's exponent form.
 */
public final class GoJson {

    // Jackson's default buffer pool is per thread, and every request runs on a new virtual thread: each read and
    // write allocated fresh buffers. A shared bounded pool reuses them across requests.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedBoundedPool())
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private GoJson() {
    }

    /** Serialises a JSON-shaped tree (plus the canonical record value types) to UTF-8 bytes. */
    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            gen.setCharacterEscapes(GoEscapes.INSTANCE);
            writeValue(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String writeString(Object value) {
        return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Parses JSON text into JSON-shaped values (LinkedHashMap keeps key order; integers stay
     * Integer/Long, other numbers Double).
     */
    public static Object read(byte[] bytes) throws IOException {
        return MAPPER.readValue(bytes, Object.class);
    }

    /** As {@link #read(byte[])}, reading the stream to its end (trailing data is an error). */
    public static Object read(java.io.InputStream in) throws IOException {
        return MAPPER.readValue(in, Object.class);
    }

    public static Object read(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    /** The JSON text as a node tree (numbers keep their integral or fractional kind). */
    public static JsonNode readTree(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** A JSON-shaped value (as {@link #read} answers) as a node tree. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Whether the text is one complete JSON value. */
    static boolean isValid(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeValue(JsonGenerator gen, Object value) throws IOException {
        switch (value) {
            case null -> gen.writeNull();
            case String s -> gen.writeString(s);
            case Boolean b -> gen.writeBoolean(b);
            case Double d -> gen.writeNumber(formatFloat(d));
            case Float f -> gen.writeNumber(formatFloat(f.doubleValue()));
            case Integer i -> gen.writeNumber(i);
            case Long l -> gen.writeNumber(l);
            case Short s -> gen.writeNumber(s);
            case BigInteger b -> gen.writeNumber(b);
            case BigDecimal b -> gen.writeNumber(formatFloat(b.doubleValue()));
            case Number n -> gen.writeNumber(formatFloat(n.doubleValue()));
            case RawJson raw -> gen.writeRawValue(compact(raw.text()));
            case GeoPoint p -> {
                gen.writeStartObject();
                gen.writeFieldName("lon");
                gen.writeNumber(formatFloat(p.lon()));
                gen.writeFieldName("lat");
                gen.writeNumber(formatFloat(p.lat()));
                gen.writeEndObject();
            }
            case Map<?, ?> map -> {
                gen.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    gen.writeFieldName(String.valueOf(e.getKey()));
                    writeValue(gen, e.getValue());
                }
                gen.writeEndObject();
            }
            case List<?> list -> {
                gen.writeStartArray();
                for (Object o : list) {
                    writeValue(gen, o);
                }
                gen.writeEndArray();
            }
            case Object[] array -> writeValue(gen, List.of(array));
            default -> gen.writeString(value.toString());
        }
    }

    /**
     * What Go does to a raw JSON value it embeds: whitespace outside strings is dropped and
     * {@code <>&}, U+2028, U+2029 inside strings are escaped; everything else is kept as written.
     */
    static String compact(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean inString = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (inString) {
                if (c == '\\' && i + 1 < raw.length()) {
                    out.append(c).append(raw.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    inString = false;
                    out.append(c);
                } else if (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Go's float64 spelling in encoding/json: the shortest round-tripping digits, plain notation
     * for 1e-6 <= |x| < 1e21, otherwise {@code d.ddde±x} with no zero-padded exponent.
     */
    static String formatFloat(double d) {
        // Go refuses to encode NaN/±Inf; null is the least surprising thing to send.
        return Double.isFinite(d) ? Json.goFloat(d) : "null";
    }

    /** Go's escaping: HTML-sensitive characters, line/paragraph separators, lower-case hex. */
    private static final class GoEscapes extends CharacterEscapes {
        /** Go's four-hex-digit escape of each ASCII character, made once (Jackson asks per escaped character). */
        private static final SerializableString[] ASCII_ESCAPES = new SerializableString[0x80];
        private static final SerializableString LINE_SEPARATOR = escaped(0x2028);
        private static final SerializableString PARAGRAPH_SEPARATOR = escaped(0x2029);
        static final GoEscapes INSTANCE = new GoEscapes();
        private final int[] ascii;

        static {
            for (int c = 0; c < ASCII_ESCAPES.length; c++) {
                ASCII_ESCAPES[c] = escaped(c);
            }
        }

        private static SerializableString escaped(int ch) {
            return new SerializedString(String.format("\\u%04x", ch));
        }

        private GoEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii['<'] = ESCAPE_CUSTOM;
            ascii['>'] = ESCAPE_CUSTOM;
            ascii['&'] = ESCAPE_CUSTOM;
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t' && c != '\b' && c != '\f') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80) {
                return ASCII_ESCAPES[ch];
            }
            if (ch == 0x2028) {
                return LINE_SEPARATOR;
            }
            if (ch == 0x2029) {
                return PARAGRAPH_SEPARATOR;
            }
            return null;
        }
    }

    /** A LinkedHashMap literal helper for readable response building. */
    public static Map<String, Object> object(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

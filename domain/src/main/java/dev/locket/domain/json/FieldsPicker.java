package dev.locket.domain.json;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.text.CommaList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ?fields=} response picker (records-api §7): dot paths, {@code *} per level, arrays of
 * objects picked element-wise, and the {@code :excerpt(max[,ellipsis])} modifier.
 */
public final class FieldsPicker {

    /** One parsed modifier: so far only excerpt exists upstream. */
    record Excerpt(int max, boolean ellipsis) {
    }

    private final Map<String, Excerpt> fields; // path -> modifier or null

    private FieldsPicker(Map<String, Excerpt> fields) {
        this.fields = fields;
    }

    /** Parses the parameter; bad modifiers or unbalanced brackets/quotes are a 400. */
    public static FieldsPicker parse(String raw) {
        Map<String, Excerpt> fields = new LinkedHashMap<>();
        for (String entry : CommaList.splitStrict(raw)) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            String path = colon < 0 ? item : item.substring(0, colon).trim();
            Excerpt modifier = colon < 0 ? null : parseModifier(item.substring(colon + 1).trim());
            fields.put(path, modifier);
        }
        return new FieldsPicker(fields);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public Object pick(Object data) {
        return pick(data, "");
    }

    /** For list envelopes: only each element of {@code items} is picked, the envelope stays. */
    public Object pickItems(Map<String, Object> envelope) {
        Map<String, Object> out = new LinkedHashMap<>(envelope);
        if (out.get("items") instanceof List<?> items) {
            List<Object> picked = new ArrayList<>();
            for (Object item : items) {
                picked.add(pick(item, ""));
            }
            out.put("items", picked);
        }
        return out;
    }

    private Object pick(Object data, String prefix) {
        if (data instanceof Map<?, ?> map) {
            return pickMap(map, prefix);
        }
        if (data instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?>) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(pick(o, prefix));
            }
            return out;
        }
        return data;
    }

    private Map<String, Object> pickMap(Map<?, ?> data, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : data.entrySet()) {
            String key = String.valueOf(e.getKey());
            String full = prefix + key;
            if (fields.containsKey(full)) {
                Excerpt modifier = fields.get(full);
                out.put(key, modifier == null ? e.getValue() : applyExcerpt(e.getValue(), modifier));
                continue;
            }
            String nested = full + ".";
            if (fields.keySet().stream().anyMatch(f -> f.startsWith(nested))) {
                out.put(key, pick(e.getValue(), nested));
                continue;
            }
            if (fields.containsKey(prefix + "*")) {
                Excerpt modifier = fields.get(prefix + "*");
                out.put(key, modifier == null ? e.getValue() : applyExcerpt(e.getValue(), modifier));
            }
        }
        return out;
    }

    private static Object applyExcerpt(Object value, Excerpt ex) {
        if (!(value instanceof String s)) {
            return value;
        }
        String text = HtmlText.extract(s);
        if (text.codePointCount(0, text.length()) > ex.max()) {
            text = text.substring(0, text.offsetByCodePoints(0, ex.max())).trim();
            if (ex.ellipsis()) {
                text = text + "...";
            }
        }
        return text;
    }

    private static Excerpt parseModifier(String raw) {
        int open = raw.indexOf('(');
        if (open < 0 || !raw.endsWith(")")) {
            throw new BadRequest();
        }
        String name = raw.substring(0, open).trim();
        if (!name.equals("excerpt")) {
            throw new BadRequest();
        }
        List<String> args = new ArrayList<>();
        for (String a : CommaList.splitStrict(raw.substring(open + 1, raw.length() - 1))) {
            args.add(unquote(a.trim()));
        }
        if (args.isEmpty() || args.size() > 2) {
            throw new BadRequest();
        }
        int max;
        try {
            max = Integer.parseInt(args.getFirst());
        } catch (NumberFormatException e) {
            throw new BadRequest();
        }
        if (max <= 0) {
            throw new BadRequest();
        }
        boolean ellipsis = false;
        if (args.size() == 2 && !args.get(1).isEmpty()) {
            ellipsis = parseBool(args.get(1));
        }
        return new Excerpt(max, ellipsis);
    }

    /** Go's {@code strconv.ParseBool}, which upstream uses for the ellipsis argument. */
    private static boolean parseBool(String raw) {
        return switch (raw) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BadRequest();
        };
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Plain text of an HTML fragment as PocketBase's excerpt modifier sees it. */
    static final class HtmlText {
        private static final Set<String> SKIPPED = Set.of("head", "style", "script", "iframe", "embed", "applet",
                "object", "svg", "img", "picture", "dialog", "template", "button", "form", "textarea", "input",
                "select", "option");
        private static final Set<String> INLINE = Set.of("a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite",
                "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp",
                "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr");

        private HtmlText() {
        }

        static String extract(String html) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            String skipping = null;
            while (i < html.length()) {
                char c = html.charAt(i);
                if (c == '<') {
                    int end = html.indexOf('>', i);
                    if (end < 0) {
                        if (skipping == null) {
                            out.append(html, i, html.length());
                        }
                        break;
                    }
                    String tag = html.substring(i + 1, end).trim();
                    i = end + 1;
                    if (tag.startsWith("!") || tag.startsWith("?")) {
                        continue; // comment, doctype
                    }
                    boolean closing = tag.startsWith("/");
                    String name = tag.replaceFirst("^/", "").split("[\\s/>]", 2)[0].toLowerCase(java.util.Locale.ROOT);
                    if (skipping != null) {
                        if (closing && name.equals(skipping)) {
                            skipping = null;
                        }
                        continue;
                    }
                    if (!closing && SKIPPED.contains(name) && !tag.endsWith("/") && !name.equals("img")
                            && !name.equals("input")) {
                        skipping = name;
                        continue;
                    }
                    if (!INLINE.contains(name)) {
                        out.append(' ');
                    }
                    continue;
                }
                int next = html.indexOf('<', i);
                if (next < 0) {
                    next = html.length();
                }
                if (skipping == null) {
                    out.append(decodeEntities(html.substring(i, next)));
                }
                i = next;
            }
            return out.toString().replaceAll("\\s+", " ").trim();
        }

        private static String numericEntity(String ent, String original) {
            try {
                if (ent.startsWith("#x") || ent.startsWith("#X")) {
                    return new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)));
                } else if (ent.startsWith("#")) {
                    return new String(Character.toChars(Integer.parseInt(ent.substring(1))));
                }
            } catch (IllegalArgumentException e) {
                // out of range: keep the text as written
            }
            return original;
        }

        private static String decodeEntities(String s) {
            if (s.indexOf('&') < 0) {
                return s;
            }
            StringBuilder sb = new StringBuilder();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);").matcher(s);
            int last = 0;
            while (m.find()) {
                sb.append(s, last, m.start());
                String ent = m.group(1);
                String rep = switch (ent) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> "\u00a0";
                    default -> numericEntity(ent, m.group());
                };
                sb.append(rep);
                last = m.end();
            }
            sb.append(s.substring(last));
            return sb.toString();
        }
    }
}

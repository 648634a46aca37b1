package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A URL with optional host allow/deny lists. */
public record UrlField(FieldMeta meta, boolean required, List<String> exceptDomains, List<String> onlyDomains)
        implements TextValued {

    private static final String U = "\\u00A1-\\uFFFF";
    private static final String LABEL = "[A-Za-z0-9" + U + "]([A-Za-z0-9" + U + "_-]*[A-Za-z0-9" + U + "])?";
    private static final String IPV4 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";

    /**
     * The URL shape upstream accepts (govalidator's URL check): an optional ftp/tcp/udp/ws(s)/http(s)
     * scheme, optional user info, a host (name, IPv4, bracketed IPv6 or localhost), optional port, then
     * an optional path/query/fragment without spaces.
     */
    private static final Pattern URL = Pattern.compile("^((ftp|tcp|udp|wss?|https?)://)?(\\S+(:\\S*)?@)?"
            + "(" + IPV4 + "|\\[[0-9A-Fa-f:.]+\\]|localhost|(" + LABEL + "\\.)*" + LABEL + "\\.?)"
            + "(:\\d{1,5})?([/?#]\\S*)?$");

    public UrlField {
        exceptDomains = DomainList.of(exceptDomains);
        onlyDomains = DomainList.of(onlyDomains);
    }

    @Override
    public String type() {
        return "url";
    }

    /** Whether the text has the shape of a URL (no domain lists applied). */
    public static boolean isUrl(String value) {
        int runes = value.codePointCount(0, value.length());
        if (runes <= 3 || runes >= 2083 || value.startsWith(".")) {
            return false;
        }
        String withScheme = value.contains(":") && !value.contains("://") ? "http://" + value : value;
        String host = host(withScheme);
        if (host.startsWith(".")) {
            return false;
        }
        // without a scheme the whole text is a path, which must at least look like a domain
        if (host.isEmpty() && !withScheme.contains(".")) {
            return false;
        }
        return URL.matcher(value).matches();
    }

    /** The host part (with port) as Go's URL parser reports it; empty without {@code //}. */
    public static String host(String url) {
        int start = url.indexOf("://");
        if (start >= 0) {
            start += 3;
        } else if (url.startsWith("//")) {
            start = 2;
        } else {
            return "";
        }
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        return at >= 0 ? authority.substring(at + 1) : authority;
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        String v = FieldErrors.text(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required);
        }
        if (!isUrl(v)) {
            return FieldErrors.error("validation_invalid_url", "Must be a valid url.");
        }
        String host = host(v);
        if (!DomainList.allows(host, onlyDomains, exceptDomains)) {
            return FieldErrors.error("validation_url_domain_not_allowed", "Url domain is not allowed.");
        }
        return FieldErrors.OK;
    }
}

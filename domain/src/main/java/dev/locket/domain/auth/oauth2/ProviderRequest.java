package dev.locket.domain.auth.oauth2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to a provider's API, fully described (method, URL, headers, body; {@code ""} for none) so
 * that the HTTP adapter only has to send it.
 */
public record ProviderRequest(String method, String url, Map<String, String> headers, String body) {
    public ProviderRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? "" : body;
    }

    public static ProviderRequest get(String url) {
        return new ProviderRequest("GET", url, Map.of(), "");
    }

    /** The same call with one more header. */
    public ProviderRequest with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new ProviderRequest(method, url, h, body);
    }
}

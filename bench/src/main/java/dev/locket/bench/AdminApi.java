package dev.locket.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Untimed setup calls through the server's HTTP API (WORKLOAD §4), all JSON. */
public final class AdminApi {

    /** A setup call answered with a non-2xx status, or not answered. */
    public static final class ApiException extends Exception {
        private final int status;

        ApiException(String call, int status, String body) {
            super(call + " -> " + (status > 0 ? "HTTP " + status + " " : "") + abbreviate(body));
            this.status = status;
        }

        public int status() {
            return status;
        }

        private static String abbreviate(String s) {
            return s.length() <= 400 ? s : s.substring(0, 400) + "…";
        }
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final OneShotHttp http;
    private final ObjectMapper json;

    public AdminApi(OneShotHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    public byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends one call and returns the decoded JSON object (empty for 204). */
    public Map<String, Object> call(String method, String path, String token, Object body) throws ApiException {
        String call = method + " " + path;
        HttpResponse response;
        try {
            response = http.send(method, path, token, body == null ? null : bytes(body), 300_000);
        } catch (IOException e) {
            throw new ApiException(call, -1, e.toString());
        }
        if (response.status() < 200 || response.status() >= 300) {
            throw new ApiException(call, response.status(), response.text());
        }
        if (response.body().length == 0) {
            return Map.of();
        }
        try {
            return json.readValue(response.body(), MAP);
        } catch (IOException e) {
            throw new ApiException(call, response.status(), "unparsable JSON: " + response.text());
        }
    }

    public String authWithPassword(String collection, String identity, String password) throws ApiException {
        return (String) authWithPasswordFull(collection, identity, password).get("token");
    }

    public Map<String, Object> authWithPasswordFull(String collection, String identity, String password)
            throws ApiException {
        return call("POST", "/api/collections/" + collection + "/auth-with-password", null,
                Map.of("identity", identity, "password", password));
    }

    public Map<String, Object> collection(String token, String name) throws ApiException {
        return call("GET", "/api/collections/" + name, token, null);
    }

    public Map<String, Object> patchCollection(String token, String name, Map<String, Object> patch)
            throws ApiException {
        return call("PATCH", "/api/collections/" + name, token, patch);
    }

    /** totalItems of a collection as seen by the superuser, or -1 when the list fails. */
    public long count(String token, String collection) {
        try {
            Object total = call("GET", "/api/collections/" + collection + "/records?perPage=1&fields=id", token,
                    null).get("totalItems");
            return total instanceof Number n ? n.longValue() : -1;
        } catch (ApiException e) {
            return -1;
        }
    }

    /**
     * Up to {@code n} record ids in random order, via {@code sort=@random} as upstream does. When
     * the server rejects that sort, the ids are listed plainly and shuffled here (seeded); the
     * returned flag says which happened.
     */
    @SuppressWarnings("unchecked")
    public RandomIds randomIds(String token, String collection, int n, Random fallback) throws ApiException {
        int perPage = Math.min(n, 1000);
        String base = "/api/collections/" + collection + "/records?perPage=" + perPage + "&fields=id&skipTotal=1";
        try {
            List<Object> items = (List<Object>) call("GET", base + "&sort=" + enc("@random"), token, null)
                    .get("items");
            return new RandomIds(ids(items), true);
        } catch (ApiException e) {
            List<String> all = new ArrayList<>();
            for (int page = 1; all.size() < 100_000; page++) {
                List<Object> items = (List<Object>) call("GET",
                        "/api/collections/" + collection + "/records?perPage=1000&fields=id&skipTotal=1&page=" + page,
                        token, null).get("items");
                all.addAll(ids(items));
                if (items.size() < 1000) {
                    break;
                }
            }
            Collections.shuffle(all, fallback);
            return new RandomIds(all.subList(0, Math.min(n, all.size())), false);
        }
    }

    /** Ids picked for a scenario and whether the server's own {@code @random} sort picked them. */
    public record RandomIds(List<String> ids, boolean serverRandom) {
        public RandomIds {
            ids = List.copyOf(ids);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(List<Object> items) {
        List<String> ids = new ArrayList<>();
        if (items != null) {
            for (Object o : items) {
                ids.add(String.valueOf(((Map<String, Object>) o).get("id")));
            }
        }
        return ids;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

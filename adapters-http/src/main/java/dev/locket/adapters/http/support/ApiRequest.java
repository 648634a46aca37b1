package dev.locket.adapters.http.support;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.domain.auth.AuthorizationHeader;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.TooLarge;
import dev.locket.domain.json.FieldsPicker;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.FrozenMap;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One API request as the routes see it: first query values, the authenticated record, the body
 * (read once, size-limited) and the {@link RequestInfo} rules read as {@code @request.*}.
 */
public final class ApiRequest {

    static final String UNSUPPORTED_CONTENT_TYPE = "Unsupported Content-Type.";

    private final ServerRequest req;
    private final long bodyLimit;
    private final String token;
    private final Optional<Record> auth;
    /** Whether multipart file parts are spooled to temp files (record writes) or skipped. */
    private final boolean spoolUploads;

    private ApiRequest(ServerRequest req, long bodyLimit, String token, Optional<Record> auth) {
        this(req, bodyLimit, token, auth, false);
    }

    private ApiRequest(ServerRequest req, long bodyLimit, String token, Optional<Record> auth, boolean spoolUploads) {
        this.req = req;
        this.bodyLimit = bodyLimit;
        this.token = token;
        this.auth = auth;
        this.spoolUploads = spoolUploads;
    }

    public static ApiRequest of(ServerRequest req, HttpContext ctx) {
        // A malformed ?fields= fails before anything is changed (upstream would have written already).
        String fields = req.query().contains("fields") ? req.query().all("fields").getFirst() : "";
        if (!fields.isEmpty()) {
            FieldsPicker.parse(fields);
        }
        String token = AuthorizationHeader.token(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
        Optional<Record> auth = req.context().get(ROUTER_AUTH_KEY, RouterAuth.class).map(RouterAuth::auth)
                .orElseGet(() -> token.isEmpty() ? Optional.empty() : ctx.ports().authenticate().authenticate(token));
        if (auth != null) {
            auth.ifPresent(a -> RequestLogFilter.rememberAuth(req, a));
        }
        return new ApiRequest(req, ctx.bodyLimit(), token, auth == null ? Optional.empty() : auth);
    }

    /**
     * Hands the auth record the router's middlewares settled on (upstream's {@code e.Auth}, loaded by
     * {@code pbLoadAuthToken} or replaced by an app's middleware) to the API route answering the request, as
     * upstream's API handlers read the same event; without it the API loads the token itself.
     */
    public static void shareRouterAuth(ServerRequest req, Optional<Record> auth) {
        req.context().register(ROUTER_AUTH_KEY, new RouterAuth(auth));
    }

    private static final String ROUTER_AUTH_KEY = "locket.request.routerAuth";

    private record RouterAuth(Optional<Record> auth) {
    }

    /**
     * A custom route's view of the request: the auth record its middlewares loaded (upstream's
     * {@code e.Auth}), the body read against {@code bodyLimit} with file parts spooled.
     */
    public static ApiRequest of(ServerRequest req, Optional<Record> auth, long bodyLimit) {
        String token = AuthorizationHeader.token(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""));
        return new ApiRequest(req, bodyLimit, token, auth, true);
    }

    /** The same request with another body limit (the batch route has its own, from the settings). */
    ApiRequest withBodyLimit(long limit) {
        return new ApiRequest(req, limit, token, auth, spoolUploads);
    }

    /** The same request keeping multipart file parts (as temp files the caller deletes via {@link Body.Form#discard}). */
    public ApiRequest withUploads(long limit) {
        return new ApiRequest(req, limit, token, auth, true);
    }

    ServerRequest raw() {
        return req;
    }

    public String token() {
        return token;
    }

    public Optional<Record> auth() {
        return auth;
    }

    public String pathParam(String name) {
        return req.path().pathParameters().get(name);
    }

    /** The first value of a query parameter, {@code ""} when absent (an empty value counts as absent). */
    public String query(String name) {
        var q = req.query();
        if (!q.contains(name)) {
            return "";
        }
        List<String> all = q.all(name);
        return all.isEmpty() ? "" : all.getFirst();
    }

    Map<String, String> queryFirstValues() {
        Map<String, String> out = new LinkedHashMap<>();
        var q = req.query();
        for (String name : q.names()) {
            List<String> all = q.all(name);
            out.put(name, all.isEmpty() ? "" : all.getFirst());
        }
        return out;
    }

    Map<String, String> headersForRules() {
        FrozenMap.Builder<String, String> out = FrozenMap.builder();
        for (Header h : req.headers()) {
            out.putIfAbsent(RequestInfo.headerKey(h.name()), h.get());
        }
        return out.build();
    }

    public RequestInfo info(Map<String, Object> body) {
        return new RequestInfo(auth, req.prologue().method().text(), headersForRules(), queryFirstValues(),
                body, "default");
    }

    public RequestInfo info() {
        return info(Map.of());
    }

    /** Body kinds a route may receive. */
    public sealed interface Body permits Body.Empty, Body.Json, Body.Form {
        record Empty() implements Body {
        }

        record Json(Map<String, Object> object) implements Body {
        }

        /** Text parts in order, query values appended as Go's form parser does; spooled file parts. */
        record Form(Map<String, List<String>> values, List<MultipartReader.FilePart> files) implements Body {
            public Form {
                files = files == null ? List.of() : List.copyOf(files);
            }

            Form(Map<String, List<String>> values) {
                this(values, List.of());
            }

            /** Deletes the spooled file parts. */
            public void discard() {
                MultipartReader.delete(files);
            }
        }
    }

    /**
     * Reads the body: empty for Content-Length 0 whatever the type (the SDK sends a JSON content
     * type on GET/DELETE); JSON must be an object; forms keep text values (file parts are not read
     * yet); anything else non-empty is "Unsupported Content-Type.".
     */
    public Body body() {
        OptionalLong declared;
        try {
            declared = req.headers().contentLength();
        } catch (RuntimeException notANumber) {
            throw new BadRequest();
        }
        if (declared.isPresent() && declared.getAsLong() < 0) {
            // Go refuses a negative length outright; reading would wait for bytes that never come.
            throw new BadRequest();
        }
        if (declared.isPresent() && declared.getAsLong() == 0) {
            return new Body.Empty();
        }
        if (declared.isPresent() && declared.getAsLong() > bodyLimit) {
            throw new TooLarge();
        }
        if (!req.content().hasEntity()) {
            return new Body.Empty();
        }
        // Read as upstream reads it (by prefix, never a parse that can fail): a malformed type is
        // an unsupported or unreadable body, 400, not a server error.
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String mediaType = contentType.strip().toLowerCase(Locale.ROOT);
        if (mediaType.startsWith("multipart/form-data")) {
            // streamed: file parts never sit in memory, and the limit applies while reading
            String boundary = boundary(contentType);
            MultipartReader.Result parsed;
            try (java.io.PushbackInputStream in = new java.io.PushbackInputStream(req.content().inputStream())) {
                int firstByte = in.read();
                if (firstByte < 0) {
                    return new Body.Empty();
                }
                in.unread(firstByte);
                parsed = MultipartReader.read(in, boundary, bodyLimit, spoolUploads);
            } catch (IOException e) {
                throw new BadRequest();
            }
            if (parsed.values().isEmpty() && parsed.files().isEmpty() && req.query().names().isEmpty()) {
                return new Body.Form(Map.of());
            }
            return new Body.Form(withQuery(parsed.values()), parsed.files());
        }
        if (mediaType.startsWith("application/json")) {
            // parsed as it arrives: a large body is never held as raw bytes next to its parsed form
            Object parsed;
            try (java.io.PushbackInputStream in = new java.io.PushbackInputStream(limited(req.content().inputStream()))) {
                int firstByte = in.read();
                if (firstByte < 0) {
                    return new Body.Empty();
                }
                in.unread(firstByte);
                parsed = GoJson.read(in);
            } catch (IOException | RuntimeException e) {
                throw unreadable(e);
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new BadRequest();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return new Body.Json(object);
        }
        byte[] bytes = readLimited();
        if (bytes.length == 0) {
            return new Body.Empty();
        }
        if (mediaType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, List<String>> values = FormParsing.urlEncoded(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            return new Body.Form(withQuery(values));
        }
        throw new BadRequest(UNSUPPORTED_CONTENT_TYPE);
    }

    /**
     * The {@code boundary} parameter of a multipart Content-Type, {@code ""} when it is missing or
     * the parameters do not parse (Go's {@code mime.ParseMediaType} refuses those: no multipart).
     */
    public static String boundary(String contentType) {
        String[] parts = contentType.split(";", -1);
        String found = "";
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty() && i == parts.length - 1) {
                continue; // a trailing ';' is tolerated
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return "";
            }
            String value = p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (p.substring(0, eq).strip().equalsIgnoreCase("boundary")) {
                found = value;
            }
        }
        return found;
    }

    private Map<String, List<String>> withQuery(Map<String, List<String>> values) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        var q = req.query();
        for (String name : q.names()) {
            out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(q.all(name));
        }
        return out;
    }

    private byte[] readLimited() {
        try (InputStream in = limited(req.content().inputStream())) {
            return in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw unreadable(e);
        }
    }

    /** Malformed chunked framing or a body cut short is the client's fault, not a server error. */
    private static RuntimeException unreadable(Exception e) {
        if (e instanceof TooLarge tooLarge) {
            return tooLarge;
        }
        return new BadRequest();
    }

    /** The body, failing with {@link TooLarge} as soon as more than the limit has arrived. */
    private InputStream limited(InputStream in) {
        return new java.io.FilterInputStream(in) {
            private long total;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                total += n;
                if (total > bodyLimit) {
                    throw new TooLarge();
                }
            }
        };
    }
}

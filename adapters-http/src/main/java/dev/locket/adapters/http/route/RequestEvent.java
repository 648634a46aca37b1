package dev.locket.adapters.http.route;

import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.MultipartReader;
import dev.locket.adapters.http.support.RequestIp;
import dev.locket.adapters.http.support.RequestLogFilter;
import dev.locket.adapters.http.support.Routes;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.ApiError;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request to a custom route, as upstream's {@code core.RequestEvent}: the authenticated record
 * ({@link #auth()}, loaded from the {@code Authorization} header by the router's {@code pbLoadAuthToken}
 * middleware as the API loads it), {@link #requestInfo()}, path values, the body bound to a map or a
 * class, uploaded files, the response helpers of {@link Responder} and PocketBase-shaped errors to throw.
 * Middlewares continue the chain with {@link #next()}.
 */
public final class RequestEvent extends Responder {

    private final Map<String, String> pathValues;
    private final Map<String, Object> store = new HashMap<>();
    private Optional<Record> auth = Optional.empty();
    private long bodyLimit = Long.MAX_VALUE;
    private ApiRequest.Body body;
    private RequestInfo info;
    private Chain chain;
    private final Function<String, Optional<Collection>> collections;

    RequestEvent(ServerRequest req, ServerResponse res, Map<String, String> pathValues,
                 Function<String, Optional<Collection>> collections) {
        super(req, res);
        this.pathValues = Map.copyOf(pathValues);
        this.collections = collections;
    }

    /** The collection of that name or id (upstream's {@code e.App.FindCachedCollectionByNameOrId}), for middlewares. */
    Optional<Collection> findCollection(String nameOrId) {
        return nameOrId.isEmpty() ? Optional.empty() : collections.apply(nameOrId);
    }

    /** The rest of a chain: {@link #next()} runs one link further. */
    interface Chain {
        void proceed(RequestEvent e) throws Exception;
    }

    void chain(Chain chain) {
        this.chain = chain;
    }

    /**
     * Runs the rest of the chain (the next middleware, finally the route's action). A checked exception of a
     * later link passes through unchanged, as upstream's {@code e.Next()} returns the error.
     */
    public void next() {
        Chain c = chain;
        if (c == null) {
            return;
        }
        try {
            c.proceed(this);
        } catch (Exception e) {
            throw RequestEvent.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T sneaky(Exception e) throws T {
        throw (T) e;
    }

    // ---- auth ----

    /** The record of a valid {@code Authorization} token (superusers included), empty for a guest. */
    public Optional<Record> auth() {
        return auth;
    }

    /** Replaces the authenticated record (a middleware of your own may load it another way, as upstream's {@code e.Auth = ...}). */
    public void setAuth(Record record) {
        this.auth = Optional.ofNullable(record);
        this.info = null;
        if (record != null) {
            RequestLogFilter.rememberAuth(request(), record);
        }
    }

    /** Whether the request is authenticated as a superuser. */
    public boolean hasSuperuserAuth() {
        return auth.map(a -> RequestInfo.SUPERUSERS.equals(a.collection().name())).orElse(false);
    }

    // ---- request ----

    /**
     * The request as rules read it ({@code @request.*}): auth, method, query and headers (first values, header
     * names lower-cased with {@code _}), the body (read on first use) and the context {@code default}.
     */
    public RequestInfo requestInfo() {
        if (info == null) {
            info = apiRequest().info(body());
        }
        return info;
    }

    /** The value of a path parameter ({@code {name}} or {@code {name...}}), {@code ""} when the route has none. */
    public String pathValue(String name) {
        return pathValues.getOrDefault(name, "");
    }

    /** The first value of a query parameter, {@code ""} when absent. */
    public String query(String name) {
        return apiRequest().query(name);
    }

    /** The first value of a request header, {@code ""} when absent. */
    public String header(String name) {
        return request().headers().first(HeaderNames.create(name)).orElse("");
    }

    /** The method as sent ({@code HEAD} stays {@code HEAD}, though a GET route answers it). */
    public String method() {
        return isHead() ? "HEAD" : request().prologue().method().text();
    }

    /** The decoded path, without the query. */
    public String path() {
        return request().path().path();
    }

    /** The client's IP: the {@code trustedProxy} header when the settings trust one, else the TCP peer. */
    public String realIp() {
        return RequestIp.of(request());
    }

    /** The TCP peer's IP. */
    public String remoteIp() {
        return RequestIp.peer(request());
    }

    /**
     * The body as JSON-shaped values: a JSON object as sent, a form (multipart or urlencoded) with its values
     * type-inferred and {@code @jsonPayload} merged as upstream's request data, an empty body as {@code {}}.
     * Read once; later calls (and {@link #requestInfo()}) see the same values.
     */
    public Map<String, Object> body() {
        return Routes.bodyMap(readBody());
    }

    /**
     * The body bound to {@code type} (a record, a class with fields or setters, a {@code Map}); unknown keys are
     * ignored and form values converted to the field's type. A body that does not fit answers 400
     * "An error occurred while loading the submitted data.".
     */
    public <T> T bindBody(Class<T> type) {
        if (!Map.class.isAssignableFrom(type) && readBody() instanceof ApiRequest.Body.Form form) {
            // a field gets the text as sent and converts it to its own type, as upstream's UnmarshalRequestData
            return JsonValues.bind(JsonValues.formText(form.values()), type);
        }
        return JsonValues.bind(body(), type);
    }

    /**
     * The files uploaded under {@code key} in a multipart body, in order; empty when there are none. Their
     * content is readable until the route returns.
     */
    public List<UploadedFile> findUploadedFiles(String key) {
        List<UploadedFile> out = new ArrayList<>();
        if (readBody() instanceof ApiRequest.Body.Form form) {
            for (MultipartReader.FilePart part : form.files()) {
                if (part.key().equals(key)) {
                    out.add(UploadedFile.of(part));
                }
            }
        }
        return out;
    }

    /** A value a middleware stored for later links (upstream's {@code e.Get}); null when unset. */
    public Object get(String key) {
        return store.get(key);
    }

    public void set(String key, Object value) {
        store.put(key, value);
    }

    // ---- PocketBase-shaped errors (throw them) ----

    /** Any status; {@code data} as upstream reads it (see {@link ApiError#of}). */
    public ApiError error(int status, String message, Object data) {
        return ApiError.of(status, message, data);
    }

    /** 400; a blank message says "Something went wrong while processing your request.". */
    public ApiError badRequestError(String message, Object data) {
        return ApiError.of(400, message, data);
    }

    /** 404; a blank message says "The requested resource wasn't found.". */
    public ApiError notFoundError(String message, Object data) {
        return ApiError.of(404, message, data);
    }

    /** 403; a blank message says "You are not allowed to perform this request.". */
    public ApiError forbiddenError(String message, Object data) {
        return ApiError.of(403, message, data);
    }

    /** 401; a blank message says "Missing or invalid authentication.". */
    public ApiError unauthorizedError(String message, Object data) {
        return ApiError.of(401, message, data);
    }

    /** 429; a blank message says "Too Many Requests.". */
    public ApiError tooManyRequestsError(String message, Object data) {
        return ApiError.of(429, message, data);
    }

    /** 500; a blank message says "Something went wrong while processing your request.". */
    public ApiError internalServerError(String message, Object data) {
        return ApiError.of(500, message, data);
    }

    // ---- for the router and its middlewares ----

    /** The limit the body is read against (upstream's {@code BodyLimit} middleware sets it). */
    void bodyLimit(long limit) {
        this.bodyLimit = limit <= 0 ? Long.MAX_VALUE : limit;
    }

    private ApiRequest apiRequest() {
        return ApiRequest.of(request(), auth, bodyLimit);
    }

    private ApiRequest.Body readBody() {
        if (body == null) {
            body = apiRequest().body();
        }
        return body;
    }

    /** Deletes the spooled uploads once the route is done. */
    void cleanup() {
        if (body instanceof ApiRequest.Body.Form form) {
            form.discard();
        }
    }
}

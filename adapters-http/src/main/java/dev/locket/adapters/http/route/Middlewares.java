package dev.locket.adapters.http.route;

import dev.locket.adapters.http.support.RequestLogFilter;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.domain.auth.AuthorizationHeader;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.TooLarge;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.http.HeaderNames;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's route middlewares ({@code apis.RequireAuth()} and friends) with their ids, priorities and
 * messages. Bind them on a route, a group or the whole router:
 * {@code se.router().post("/api/todos/validate", handler).bind(requireAuth())}.
 */
public final class Middlewares {

    /** Upstream's rate limiter priority, which the others are placed around. */
    public static final int RATE_LIMIT_PRIORITY = -1000;
    public static final String LOAD_AUTH_TOKEN_ID = "pbLoadAuthToken";
    public static final int LOAD_AUTH_TOKEN_PRIORITY = RATE_LIMIT_PRIORITY - 20;
    public static final String BODY_LIMIT_ID = "pbBodyLimit";
    public static final int BODY_LIMIT_PRIORITY = RATE_LIMIT_PRIORITY + 10;
    public static final String REQUIRE_GUEST_ONLY_ID = "pbRequireGuestOnly";
    public static final String REQUIRE_AUTH_ID = "pbRequireAuth";
    public static final String REQUIRE_SUPERUSER_AUTH_ID = "pbRequireSuperuserAuth";
    public static final String REQUIRE_SUPERUSER_OR_OWNER_AUTH_ID = "pbRequireSuperuserOrOwnerAuth";
    public static final String REQUIRE_SAME_COLLECTION_CONTEXT_AUTH_ID = "pbRequireSameCollectionContextAuth";
    /** Upstream's request logger: every route has it unless unbound ({@code unbind(ACTIVITY_LOGGER_ID)}). */
    public static final String ACTIVITY_LOGGER_ID = "pbActivityLogger";
    public static final int ACTIVITY_LOGGER_PRIORITY = RATE_LIMIT_PRIORITY - 40;
    public static final String GZIP_ID = "pbGzip";
    public static final String SKIP_SUCCESS_ACTIVITY_LOG_ID = "pbSkipSuccessActivityLog";
    /** The body limit every route has unless one of its own replaces it (upstream's {@code DefaultMaxBodySize}). */
    public static final long DEFAULT_MAX_BODY_SIZE = 32L << 20;

    /**
     * The router's {@code pbActivityLogger}. The request log itself is a server filter (it also sees what no
     * route answers); a route whose chain lacks this middleware tells it to leave the request out.
     */
    static final Middleware ACTIVITY_LOGGER = Middleware.of(ACTIVITY_LOGGER_ID, ACTIVITY_LOGGER_PRIORITY,
            RequestEvent::next);

    private Middlewares() {
    }

    /** Only guests: an authenticated request answers 400 "The request can be accessed only by guests.". */
    public static Middleware requireGuestOnly() {
        return Middleware.of(REQUIRE_GUEST_ONLY_ID, 0, e -> {
            if (e.auth().isPresent()) {
                throw e.badRequestError("The request can be accessed only by guests.", null);
            }
            e.next();
        });
    }

    /**
     * A valid auth token, of any auth collection or only of the named ones: a guest answers 401 "The request
     * requires valid record authorization token.", another collection's record 403 "The authorized record is
     * not allowed to perform this action.".
     */
    public static Middleware requireAuth(String... collections) {
        return Middleware.of(REQUIRE_AUTH_ID, 0, authIn(List.of(collections)));
    }

    /** A superuser's token (upstream: {@code requireAuth("_superusers")} under its own id). */
    public static Middleware requireSuperuserAuth() {
        return Middleware.of(REQUIRE_SUPERUSER_AUTH_ID, 0, authIn(List.of(RequestInfo.SUPERUSERS)));
    }

    private static RequestHandler authIn(List<String> collections) {
        return e -> {
            Optional<Record> auth = e.auth();
            if (auth.isEmpty()) {
                throw e.unauthorizedError("The request requires valid record authorization token.", null);
            }
            if (!collections.isEmpty() && !collections.contains(auth.get().collection().name())) {
                throw e.forbiddenError("The authorized record is not allowed to perform this action.", null);
            }
            e.next();
        };
    }

    /**
     * A superuser, or the record whose id is the path value {@code ownerIdPathParam} ({@code "id"} when blank):
     * a guest answers 401 "The request requires superuser or record authorization token.", anyone else 403
     * "You are not allowed to perform this request.".
     */
    public static Middleware requireSuperuserOrOwnerAuth(String ownerIdPathParam) {
        String param = ownerIdPathParam == null || ownerIdPathParam.isEmpty() ? "id" : ownerIdPathParam;
        return Middleware.of(REQUIRE_SUPERUSER_OR_OWNER_AUTH_ID, 0, e -> {
            Optional<Record> auth = e.auth();
            if (auth.isEmpty()) {
                throw e.unauthorizedError("The request requires superuser or record authorization token.", null);
            }
            // auth record ids are unique across auth collections, so the id alone names the owner
            if (!e.hasSuperuserAuth() && !auth.get().id().equals(e.pathValue(param))) {
                throw e.forbiddenError("You are not allowed to perform this request.", null);
            }
            e.next();
        });
    }

    /**
     * A record of the auth collection the path names (its name or id in the path value
     * {@code collectionPathParam}, {@code "collection"} when blank): a guest answers 401 "The request requires
     * valid record authorization token.", a record of another (or of no) collection 403 "The request requires
     * auth record from {its own collection} collection." (upstream names the caller's collection).
     */
    public static Middleware requireSameCollectionContextAuth(String collectionPathParam) {
        String param = collectionPathParam == null || collectionPathParam.isEmpty() ? "collection"
                : collectionPathParam;
        return Middleware.of(REQUIRE_SAME_COLLECTION_CONTEXT_AUTH_ID, 0, e -> {
            Optional<Record> auth = e.auth();
            if (auth.isEmpty()) {
                throw e.unauthorizedError("The request requires valid record authorization token.", null);
            }
            Optional<Collection> named = e.findCollection(e.pathValue(param));
            if (named.isEmpty() || !named.get().id().equals(auth.get().collection().id())) {
                throw e.forbiddenError("The request requires auth record from " + auth.get().collection().name()
                        + " collection.", null);
            }
            e.next();
        });
    }

    /**
     * Limits the body to {@code limitBytes} (0 or less: no limit): a declared larger length answers 413
     * "Request entity too large." at once, a longer body while it is read. Replaces the router's default
     * 32 MiB limit on the routes it is bound to (same id).
     */
    public static Middleware bodyLimit(long limitBytes) {
        return Middleware.of(BODY_LIMIT_ID, BODY_LIMIT_PRIORITY, e -> {
            if (limitBytes > 0) {
                long declared = e.request().headers().contentLength().orElse(-1);
                if (declared > limitBytes) {
                    throw new TooLarge();
                }
            }
            e.bodyLimit(limitBytes);
            e.next();
        });
    }

    /**
     * Compresses the response when the client accepts gzip ({@code Content-Encoding: gzip}); adds
     * {@code Vary: Accept-Encoding} either way. Error bodies stay uncompressed, as upstream's.
     */
    public static Middleware gzip() {
        return Middleware.of(GZIP_ID, 0, e -> {
            e.addHeader("Vary", "Accept-Encoding");
            e.gzip();
            e.next();
        });
    }

    /** Only failed requests of the route go to the request log (upstream's {@code SkipSuccessActivityLog}). */
    public static Middleware skipSuccessActivityLog() {
        return Middleware.of(SKIP_SUCCESS_ACTIVITY_LOG_ID, 0, e -> {
            RequestLogFilter.skipSuccess(e.request());
            e.next();
        });
    }

    /**
     * Loads {@link RequestEvent#auth()} from the {@code Authorization} header (a bare token or {@code Bearer}),
     * as the API does; a missing, invalid or expired token leaves a guest. Bound on every router.
     */
    static Middleware loadAuthToken(Authenticate authenticate) {
        return Middleware.of(LOAD_AUTH_TOKEN_ID, LOAD_AUTH_TOKEN_PRIORITY, e -> {
            if (e.auth().isEmpty()) {
                String token = AuthorizationHeader.token(e.request().headers()
                        .first(HeaderNames.AUTHORIZATION).orElse(""));
                Optional<Record> found = token.isEmpty() ? Optional.empty() : authenticate.authenticate(token);
                if (found != null && found.isPresent()) {
                    e.setAuth(found.get());
                }
            }
            e.next();
        });
    }
}

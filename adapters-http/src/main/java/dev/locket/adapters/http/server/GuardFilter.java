package dev.locket.adapters.http.server;

import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.adapters.http.support.RequestIp;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.FindCollection;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.domain.auth.AuthorizationHeader;
import dev.locket.domain.auth.ClientIp;
import dev.locket.domain.auth.IpWhitelist;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.RateLimitRule;
import dev.locket.domain.settings.RateLimitsConfig;
import dev.locket.domain.settings.Settings;
import dev.locket.domain.settings.TrustedProxyConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The guards every request passes before routing: the client's real IP (settings
 * {@code trustedProxy}, admin-and-ops.md §8, remembered for the routes), the superuser IP
 * whitelist ({@code superuserIPs}: a superuser token from another IP is refused with 403, auth.md
 * §5) and the configurable rate limiter ({@code rateLimits}, admin-and-ops.md §7). Rate-limit
 * labels: {@code <collection>:<tag>} (by name or id) and {@code *:<tag>} for tagged collection
 * routes, then {@code "<METHOD> <path>"} and {@code <path>}; the first matching rule applies,
 * counted in fixed windows per client IP, per collection and route for collection routes.
 * Superusers and excluded IPs are never limited. The settings are read on every request from the
 * cached copy each save refreshes; changed limits drop all counters.
 */
final class GuardFilter implements Filter {
    static final String NOT_ALLOWED = "You are not allowed to perform this request.";
    private static final int PRUNE_ABOVE = 10_000;

    private final CurrentSettings settings;
    private final Authenticate authenticate;
    private final FindCollection collections;
    private final Clock clock;
    private final Map<WindowKey, Window> windows = new ConcurrentHashMap<>();
    private volatile Snapshot cached;

    GuardFilter(CurrentSettings settings, Authenticate authenticate, FindCollection collections, Clock clock) {
        this.settings = settings;
        this.authenticate = authenticate;
        this.collections = collections;
        this.clock = clock;
        this.cached = Snapshot.of(settings.current());
    }

    /** The parts of the settings the guards read. */
    private record Snapshot(Settings source, RateLimitsConfig limits, IpWhitelist superuserIps,
                            IpWhitelist excludedIps, TrustedProxyConfig proxy) {
        static Snapshot of(Settings s) {
            return new Snapshot(s, s.rateLimits(), new IpWhitelist(s.superuserIPs()),
                    new IpWhitelist(s.rateLimits().excludedIPs()), s.trustedProxy());
        }
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Verdict v = decide(req.prologue().method().text(), req.path().path(),
                name -> req.headers().values(HeaderNames.create(name)), RequestIp.peer(req),
                AuthorizationHeader.token(req.headers().first(HeaderNames.AUTHORIZATION).orElse("")));
        RequestIp.remember(req, v.ip());
        if (v.allowed()) {
            chain.proceed();
        } else {
            ApiErrors.write(req, res, v.status(), v.message(), Map.of());
        }
    }

    /** The guard's answer for one request: the client's real IP, and a refusal (status and message) or none. */
    record Verdict(String ip, int status, String message) {
        boolean allowed() {
            return status == 0;
        }
    }

    /**
     * The guards for one request, whatever carries it (an HTTP request, a WebSocket upgrade or a WebSocket auth
     * frame): {@code path} is the decoded path the router matches, {@code token} the bare auth token or "".
     */
    Verdict decide(String method, String path, Function<String, List<String>> header, String peer, String token) {
        Snapshot s = snapshot();
        String ip = ClientIp.resolve(s.proxy(), header, peer);
        RateLimitsConfig limits = s.limits();
        boolean limiting = limits.enabled() && !limits.rules().isEmpty() && !s.excludedIps().contains(ip);
        if (!limiting && s.superuserIps().isEmpty()) {
            return new Verdict(ip, 0, "");
        }
        Optional<Record> auth = token.isEmpty() ? Optional.empty() : authenticate.authenticate(token);
        auth = auth == null ? Optional.empty() : auth;
        boolean superuser = auth.isPresent() && RequestInfo.SUPERUSERS.equals(auth.get().collection().name());
        if (superuser && !s.superuserIps().isEmpty() && !s.superuserIps().contains(ip)) {
            return new Verdict(ip, 403, NOT_ALLOWED);
        }
        if (!limiting || superuser) {
            return new Verdict(ip, 0, ""); // superusers skip the configurable limits (auth.md §5)
        }
        String audience = auth.isPresent() ? RateLimitRule.AUTH : RateLimitRule.GUEST;
        // the decoded path, as the router matches it (the wire layer already refused spellings it
        // would read differently): every spelling of a route is one label and one counter
        RouteTags tags = RouteTags.of(method, path);
        Optional<Collection> collection = tags.collection().isEmpty() ? Optional.empty()
                : collections.find(tags.collection());
        String id = collection.map(Collection::id).orElse(tags.collection().toLowerCase(Locale.ROOT));
        String name = collection.map(Collection::name).orElse(tags.collection());
        List<String> labels = new ArrayList<>(tags.labels(id, name));
        labels.add(method + " " + path);
        labels.add(path);
        Optional<RateLimitRule> rule = limits.find(labels, audience);
        if (rule.isPresent()) {
            // upstream keys a collection route's counter on the collection id and the matched route
            String scope = tags.tags().isEmpty() ? rule.get().label() : id + "/" + tags.route();
            if (!allow(new WindowKey(scope, rule.get().label(), rule.get().audience(), ip), rule.get())) {
                return new Verdict(ip, 429, "Too Many Requests.");
            }
        }
        return new Verdict(ip, 0, "");
    }

    /** One counter: the route scope, the rule (label and audience) and the client IP. */
    private record WindowKey(String scope, String label, String audience, String ip) {
    }

    private boolean allow(WindowKey key, RateLimitRule rule) {
        long now = clock.millis();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> w.expired(now));
        }
        Window w = windows.get(key);
        if (w == null) {
            w = windows.computeIfAbsent(key, k -> new Window(rule.duration()));
        }
        return w.tryAcquire(now, rule.maxRequests(), rule.duration());
    }

    /** The guard's view of the current settings, rebuilt only when a save replaced them. */
    private Snapshot snapshot() {
        Settings current = settings.current();
        Snapshot s = cached;
        if (s.source() != current) {
            if (!current.rateLimits().equals(s.limits())) {
                windows.clear(); // upstream drops every counter when the settings are saved
            }
            s = Snapshot.of(current);
            cached = s;
        }
        return s;
    }

    /** A fixed counting window, in clock milliseconds. */
    private static final class Window {
        private long start;
        private boolean started;
        private int count;
        private long seconds;

        Window(long seconds) {
            this.seconds = seconds;
        }

        synchronized boolean tryAcquire(long now, long max, long durationSeconds) {
            seconds = durationSeconds;
            if (!started || over(now, durationSeconds)) {
                start = now;
                started = true;
                count = 0;
            }
            if (count >= max) {
                return false;
            }
            count++;
            return true;
        }

        synchronized boolean expired(long now) {
            return !started || over(now, seconds);
        }

        /** The window has run its {@code seconds} (divided, not multiplied: no overflow for any duration). */
        private boolean over(long now, long seconds) {
            return (now - start) / 1000 >= seconds;
        }
    }

    /**
     * The rate-limit tags of a collection route (auth.md §10, records CRUD, files): the collection
     * segment as sent (id or name) and the tags in upstream order.
     */
    record RouteTags(String collection, String route, List<String> tags) {
        /**
         * {@code <collection>:<tag>} by name (upstream's only spelling) and by id, then the
         * {@code *:<tag>} wildcards, each in tag order.
         */
        List<String> labels(String id, String name) {
            List<String> out = new ArrayList<>();
            for (String t : tags) {
                out.add(name + ":" + t);
                if (!id.equals(name)) {
                    out.add(id + ":" + t);
                }
            }
            tags.forEach(t -> out.add("*:" + t));
            return out;
        }

        static RouteTags of(String method, String path) {
            String[] p = path.split("/", -1);
            // ["", "api", "collections", "{c}", action, ...]
            if (p.length >= 5 && p[1].equals("api") && p[2].equals("collections") && !p[3].isEmpty()) {
                String c = p[3];
                String action = p[4];
                boolean withId = p.length >= 6 && !p[5].isEmpty();
                List<String> tags = switch (action) {
                    case "records" -> switch (method) {
                        case "GET", "HEAD" -> List.of(withId ? "view" : "list");
                        case "POST" -> withId ? List.of() : List.of("create");
                        case "PATCH" -> withId ? List.of("update") : List.of();
                        case "DELETE" -> withId ? List.of("delete") : List.of();
                        default -> List.of();
                    };
                    case "auth-methods" -> List.of("listAuthMethods");
                    case "auth-refresh" -> List.of("authRefresh");
                    case "auth-with-password" -> List.of("authWithPassword", "auth");
                    case "auth-with-oauth2" -> List.of("authWithOAuth2", "auth");
                    case "request-otp" -> List.of("requestOTP");
                    case "auth-with-otp" -> List.of("authWithOTP", "auth");
                    case "request-password-reset" -> List.of("requestPasswordReset");
                    case "confirm-password-reset" -> List.of("confirmPasswordReset");
                    case "request-verification" -> List.of("requestVerification");
                    case "confirm-verification" -> List.of("confirmVerification");
                    case "request-email-change" -> List.of("requestEmailChange");
                    case "confirm-email-change" -> List.of("confirmEmailChange");
                    default -> List.of();
                };
                return new RouteTags(c, method + " " + action + (withId ? "/:id" : ""), tags);
            }
            if (p.length >= 6 && p[1].equals("api") && p[2].equals("files") && !p[3].isEmpty()) {
                return new RouteTags(p[3], "file", List.of("file"));
            }
            return new RouteTags("", "", List.of());
        }
    }
}

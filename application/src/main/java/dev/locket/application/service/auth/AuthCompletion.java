package dev.locket.application.service.auth;

import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.RecordAuthRequestEvent;
import dev.locket.application.hook.RequestHookEvent;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.settings.CurrentSettings;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.RecordExpander;
import dev.locket.application.service.record.RecordProjection;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.auth.IpWhitelist;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.MfaRequired;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;
import dev.locket.domain.types.DateTimes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The last steps every successful first-factor authentication shares (auth.md §3, §7, §9): the
 * {@code authRule} check, the MFA step ({@code _mfas}), the new-device alert ({@code _authOrigins})
 * and the signed, projected auth response. Password, OTP and OAuth2 logins all end here.
 */
public final class AuthCompletion {
    static final String AUTH_FAILED = "Failed to authenticate.";
    static final String RULE_FAILED = "The request doesn't satisfy the collection requirements to authenticate.";
    static final String MFA_EXPIRED = "Invalid or expired MFA session.";
    static final String MFA_INVALID = "Invalid MFA session.";
    static final String MFA_SAME_METHOD = "A different authentication method is required.";
    private static final System.Logger LOG = System.getLogger(AuthCompletion.class.getName());
    private static final List<String> ALERTED_METHODS = List.of("password", "otp", "oauth2");
    private static final int MAX_ORIGINS = 5;

    private final AuthRecords lookups;
    private final RecordStore records;
    private final TokenCodec tokens;
    private final Hooks hooks;
    private final AuthMails mails;
    private final Clock clock;
    private final RecordProjection projection;
    private final RecordExpander expander;
    private final CurrentSettings settings;
    private final Transactions tx;

    /** Without settings: no superuser IP whitelist is applied. */
    public AuthCompletion(CollectionStore collections, RecordStore records, TokenCodec tokens, Hooks hooks,
                          AuthMails mails, Clock clock, RandomGenerator random) {
        this(collections, records, tokens, hooks, mails, clock, random, Settings::defaults);
    }

    /** {@code settings} supplies {@code superuserIPs}, checked when a superuser logs in. */
    public AuthCompletion(CollectionStore collections, RecordStore records, TokenCodec tokens, Hooks hooks,
                          AuthMails mails, Clock clock, RandomGenerator random, CurrentSettings settings) {
        this(collections, records, tokens, hooks, mails, clock, random, settings, Untransacted.INSTANCE);
    }

    /**
     * {@code tx} holds the auth request hook and what it wraps (the MFA step, the login origin), so a hook that
     * fails after {@code next()} leaves none of it behind.
     */
    public AuthCompletion(CollectionStore collections, RecordStore records, TokenCodec tokens, Hooks hooks,
                          AuthMails mails, Clock clock, RandomGenerator random, CurrentSettings settings,
                          Transactions tx) {
        this.tx = Objects.requireNonNull(tx);
        this.settings = Objects.requireNonNull(settings);
        // the _mfas and _authOrigins rows are saved as records, through the record hooks (upstream's app.Save)
        this.lookups = new AuthRecords(collections, records,
                new RecordWrites(collections, records, tx, hooks, clock, null, random), clock, random);
        this.records = records;
        this.tokens = tokens;
        this.hooks = hooks;
        this.mails = mails;
        this.clock = clock;
        this.projection = new RecordProjection(collections, records, clock, hooks);
        this.expander = new RecordExpander(collections, records, clock);
    }

    /** The hooks the auth flows of this package fire (their request hooks, then the auth request hook). */
    Hooks hooks() {
        return hooks;
    }

    /**
     * Finishes a successful first factor: checks the {@code authRule}, runs the MFA step (throws
     * {@link MfaRequired} when a second factor is still needed, {@code BadRequest} for a bad
     * {@code mfaId}), records the login origin and sends the new-device alert, then signs a
     * refreshable auth token and returns the response record as its owner sees it.
     *
     * @param method   {@code password}, {@code otp} or {@code oauth2} (the MFA method name)
     * @param mfaId    the {@code mfaId} of the request ({@code ?mfaId=} first, then the body), {@code ""} if none
     * @param clientIp the client IP (device fingerprint of the alert), {@code ""} when unknown
     * @param expand   the raw {@code ?expand=} list, {@code ""} for none
     */
    public AuthResult complete(AuthCollection c, Record record, String method, String mfaId, RequestInfo request,
                               String clientIp, String expand) {
        return complete(c, record, method, mfaId, request, clientIp, expand, null);
    }

    /**
     * As {@link #complete(AuthCollection, Record, String, String, RequestInfo, String, String)}, with a
     * {@code meta} for the response (null for none) that the auth request hook sees and may change.
     */
    AuthResult complete(AuthCollection c, Record record, String method, String mfaId, RequestInfo request,
                        String clientIp, String expand, Object meta) {
        checkSuperuserIp(c, clientIp == null ? "" : clientIp);
        checkAuthRule(c, record, request);
        // as upstream, the MFA step and the login origin are the auth request hook's default action: a hook that
        // answers without next() skips them, one failing after next() undoes them
        return respond(c, record, authToken(c, record, true, 0), request, method, expand, meta, () -> {
            checkMfa(c, record, method, mfaId == null ? "" : mfaId, request);
            if (ALERTED_METHODS.contains(method)) {
                alertNewOrigin(c, record, clientIp == null ? "" : clientIp,
                        request.headers().getOrDefault("user_agent", ""));
            }
        });
    }

    /**
     * A signed auth token for the record: {@code duration} seconds (0 = the collection's
     * {@code authToken.duration}), signed with {@code tokenKey} + {@code authToken.secret}.
     */
    public String authToken(AuthCollection c, Record record, boolean refreshable, long duration) {
        long seconds = duration > 0 ? duration : c.auth().authToken().duration();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("refreshable", refreshable);
        TokenClaims claims = new TokenClaims(record.id(), TokenType.AUTH, c.id(),
                clock.instant().getEpochSecond() + seconds, extra);
        return tokens.sign(claims, record.text("tokenKey") + c.auth().authToken().secret());
    }

    /** Fires the auth request hook and projects the record for its owner, expanding {@code expand}. */
    public AuthResult respond(AuthCollection c, Record record, String token, RequestInfo request, String method,
                              String expand) {
        return respond(c, record, token, request, method, expand, null, null);
    }

    private AuthResult respond(AuthCollection c, Record record, String token, RequestInfo request, String method,
                               String expand, Object meta, Runnable defaultAction /* null: writes nothing */) {
        RecordAuthRequestEvent event = new RecordAuthRequestEvent(c, record, request, token, method, meta);
        if (defaultAction == null) {
            // auth-refresh and impersonation write nothing themselves, so they take no write transaction (upstream
            // opens none either); a handler's own writes each commit as they come, as they would upstream
            hooks.onRecordAuthRequest().trigger(event, e -> {
            });
        } else {
            MfaRequired[] mfa = new MfaRequired[1];
            tx.inTransaction(() -> {
                try {
                    hooks.onRecordAuthRequest().trigger(event, e -> {
                        if (e.response().isEmpty()) { // upstream's e.Written(): an answer skips MFA and the alert
                            defaultAction.run();
                        }
                    });
                } catch (MfaRequired secondFactor) {
                    // the MFA record it made stays: the client needs its id for the second factor
                    mfa[0] = secondFactor;
                }
            });
            if (mfa[0] != null) {
                throw mfa[0];
            }
        }
        event.throwIfAnswered(); // a handler's own answer replaces the auth response
        // The response shows the record as its owner sees it (email included; hidden fields for superusers).
        RequestInfo asOwner = new RequestInfo(Optional.of(event.record()), request.method(), request.headers(),
                request.query(), request.body(), request.context());
        // Upstream sets the request's auth to the authenticated record when there is none, so the
        // expanded relations' viewRules are checked as that record (a superuser request stays one).
        RequestInfo expandAs = request.auth().isPresent() ? request : asOwner;
        Record expanded = expander.expand(c, List.of(event.record()), expand == null ? "" : expand, expandAs).get(0);
        return new AuthResult(event.token(), projection.projectForOwner(expanded, asOwner), event.meta());
    }

    /**
     * Runs an auth flow's {@link #complete}/{@link #respond} from inside the flow's own request hook
     * ({@code outer}): an answer the auth request hook wrote becomes the outer event's answer, as upstream's
     * events of one request share its response, and the outer chain goes on; null then.
     */
    static <T> T within(RequestHookEvent outer, java.util.function.Supplier<T> inner) {
        try {
            return inner.get();
        } catch (HookResponse written) {
            outer.answer(written);
            return null;
        }
    }

    /**
     * A superuser may only log in from {@code settings.superuserIPs} when that list is set (auth.md
     * §3 step 1); other records are not affected.
     */
    public void checkSuperuserIp(AuthCollection c, String clientIp) {
        if (!c.isSuperusers()) {
            return;
        }
        IpWhitelist allowed = new IpWhitelist(settings.current().superuserIPs());
        if (!allowed.isEmpty() && !allowed.contains(clientIp)) {
            throw new Forbidden(Forbidden.DEFAULT);
        }
    }

    /** The {@code authRule} check; skipped when the request itself is a superuser's (e.g. impersonation). */
    public void checkAuthRule(AuthCollection c, Record record, RequestInfo request) {
        if (request.isSuperuser()) {
            return;
        }
        boolean ok = switch (c.auth().authRule()) {
            case AccessRule.Locked l -> false;
            case AccessRule.Public p -> true;
            case AccessRule.Filter f -> records.findMatching(c, record.id(), f.bound(), request).isPresent();
        };
        if (!ok) {
            throw new Forbidden(RULE_FAILED);
        }
    }

    /** Whether MFA applies to this record: enabled, and the rule empty or matching. */
    boolean mfaApplies(AuthCollection c, Record record, RequestInfo request) {
        Map<String, Object> mfa = AuthMails.map(c.auth().extra().get("mfa"));
        if (!Boolean.TRUE.equals(mfa.get("enabled"))) {
            return false;
        }
        String rule = mfa.get("rule") instanceof String s ? s.trim() : "";
        if (rule.isEmpty()) {
            return true;
        }
        try {
            return records.findMatching(c, record.id(), BoundFilter.rule(rule), request).isPresent();
        } catch (RuntimeException e) {
            throw new BadRequest(AUTH_FAILED);
        }
    }

    private void checkMfa(AuthCollection c, Record record, String method, String mfaId, RequestInfo request) {
        if (!mfaApplies(c, record, request)) {
            return;
        }
        if (mfaId.isEmpty()) {
            Record row = lookups.insertHelper(SystemCollections.MFAS, record, Map.of("method", method));
            throw new MfaRequired(row.id());
        }
        var mfas = lookups.helper(SystemCollections.MFAS);
        Record row = records.find(mfas, mfaId).orElseThrow(() -> new BadRequest(MFA_EXPIRED));
        Instant expires = AuthRecords.created(row).plusSeconds(seconds(c, "mfa", 600));
        if (!clock.instant().isBefore(expires)) {
            lookups.deleteHelper(row);
            throw new BadRequest(MFA_EXPIRED);
        }
        if (!row.text("recordRef").equals(record.id()) || !row.text("collectionRef").equals(c.id())) {
            throw new BadRequest(MFA_INVALID);
        }
        if (row.text("method").equals(method)) {
            throw new BadRequest(MFA_SAME_METHOD);
        }
        lookups.deleteHelper(row);
    }

    /**
     * Remembers the device (MD5 of IP + cut user agent) in {@code _authOrigins}, at most five per
     * record, and mails an alert for a device not seen before (never on the very first login).
     */
    private void alertNewOrigin(AuthCollection c, Record record, String ip, String userAgent) {
        Map<String, Object> alert = AuthMails.map(c.auth().extra().get("authAlert"));
        if (!Boolean.TRUE.equals(alert.get("enabled")) || record.text("email").isEmpty()) {
            return;
        }
        String agent = userAgent.length() > 200 ? userAgent.substring(0, 200) + "..." : userAgent;
        String fingerprint = md5(ip + agent);
        List<Record> origins;
        try {
            origins = lookups.helperRows(SystemCollections.AUTH_ORIGINS, record);
        } catch (IllegalStateException noHelper) {
            return;
        }
        for (Record o : origins) {
            if (o.text("fingerprint").equals(fingerprint)) {
                lookups.updateHelper(o, o); // saved again: its updated date says when the device was last seen
                return;
            }
        }
        lookups.insertHelper(SystemCollections.AUTH_ORIGINS, record, Map.of("fingerprint", fingerprint));
        // Keep only the newest few (the list is oldest first; the new row is the newest).
        for (int i = 0; i < origins.size() + 1 - MAX_ORIGINS; i++) {
            lookups.deleteHelper(origins.get(i));
        }
        if (origins.isEmpty()) {
            return; // the very first login is not an alert
        }
        String info = DateTimes.format(clock.instant()) + " - " + ip + " " + agent;
        // once the origin is committed: no mail for a login a hook undid, no SMTP round trip under the write lock
        tx.afterCommit(() -> {
            try {
                mails.send(AuthMails.Kind.LOGIN_ALERT, c, record, record.text("email"), Map.of("ALERT_INFO", info));
            } catch (Mailer.MailFailure e) {
                e.log(LOG, "Failed to send the new login alert email");
            } catch (IllegalStateException | LocketException e) {
                LOG.log(System.Logger.Level.WARNING, "Failed to send the new login alert email: " + e.getMessage());
            }
        });
    }

    /** An option section's duration in seconds ({@code fallback} when unset). */
    static long seconds(AuthCollection c, String section, long fallback) {
        Object d = AuthMails.map(c.auth().extra().get(section)).get("duration");
        return d instanceof Number n && n.longValue() > 0 ? n.longValue() : fallback;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For callers without a store: everything runs as it comes, after-commit actions at once. */
    private static final class Untransacted implements Transactions {
        static final Untransacted INSTANCE = new Untransacted();

        @Override
        public <T> T inTransaction(java.util.function.Supplier<T> work) {
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    }
}

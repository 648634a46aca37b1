package dev.locket.application.service.auth;

import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.RecordAuthWithOtpRequestEvent;
import dev.locket.application.hook.RecordCreateOtpRequestEvent;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithOtp;
import dev.locket.application.port.in.auth.IssueOtp;
import dev.locket.application.port.in.auth.RequestOtp;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.PasswordHasher;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.RecordService;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.TooManyRequests;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.DateTimes;
import dev.locket.domain.types.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * One-time passwords (auth.md §4.4): {@code request-otp} stores a bcrypt'ed numeric code in
 * {@code _otps} and mails it; {@code auth-with-otp} checks it (with its own always-on attempt
 * limiter) and finishes through {@link AuthCompletion} with MFA method {@code otp}.
 */
public final class OtpService implements RequestOtp, AuthWithOtp, IssueOtp {
    static final String OTP_DISABLED = "The collection is not configured to allow OTP authentication.";
    static final String INVALID_OTP = "Invalid or expired OTP.";
    static final String TOO_MANY = "Too many attempts, please try again later with a new OTP.";
    static final int MAX_ACTIVE = 10;
    static final int MAX_ATTEMPTS = 5;
    static final Duration ATTEMPT_WINDOW = Duration.ofSeconds(180);
    /** Stored OTP hashes are cheap on purpose: short-lived and attempt-limited (upstream uses cost 8). */
    static final int OTP_COST = 8;
    private static final System.Logger LOG = System.getLogger(OtpService.class.getName());

    private final AuthRecords lookups;
    private final RecordStore records;
    private final Transactions transactions;
    /** The verified upgrade goes through the model hooks, so hooks and realtime see it (an upstream save). */
    private final RecordWrites writes;
    private final PasswordHasher hasher;
    private final AuthMails mails;
    private final AuthCompletion completion;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public OtpService(CollectionStore collections, RecordStore records, Transactions transactions,
                      PasswordHasher hasher, AuthMails mails, AuthCompletion completion, Clock clock,
                      RandomGenerator random, RecordService recordService) {
        this.writes = recordService.writes();
        this.lookups = new AuthRecords(collections, records, writes, clock, random);
        this.records = records;
        this.transactions = transactions;
        this.hasher = hasher;
        this.mails = mails;
        this.completion = completion;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String requestOtp(RequestOtp.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        Map<String, Object> otp = AuthMails.map(c.auth().extra().get("otp"));
        if (!Boolean.TRUE.equals(otp.get("enabled"))) {
            throw new Forbidden(OTP_DISABLED);
        }
        String email = AccountService.validEmail("email", cmd.email());
        Optional<Record> found = lookups.byEmail(c, email);
        // As upstream, an unknown email is not an error yet: a handler may find or create the record itself.
        RecordCreateOtpRequestEvent event = new RecordCreateOtpRequestEvent(c, found.orElse(null), cmd.request(),
                email, code(otp));
        String[] otpId = new String[1];
        completion.hooks().authRequests().onRecordRequestOTPRequest().trigger(event, e -> {
            if (e.record().isEmpty()) {
                otpId[0] = Ids.recordId(random); // no enumeration: a believable id, nothing stored or sent
                return;
            }
            otpId[0] = issue(c, e.record().get(), e.password());
        });
        event.throwIfAnswered();
        if (otpId[0] == null) {
            throw HookResponse.nothingWritten();
        }
        return otpId[0];
    }

    /** Stores {@code code} for the record (or reuses the newest OTP after ten active ones) and mails it. */
    private String issue(AuthCollection c, Record r, String code) {
        Instant now = clock.instant();
        long duration = AuthCompletion.seconds(c, "otp", 180);
        List<Record> active = lookups.helperRows(SystemCollections.OTPS, r).stream()
                .filter(o -> now.isBefore(AuthRecords.created(o).plusSeconds(duration))).toList();
        if (active.size() >= MAX_ACTIVE) {
            return active.get(active.size() - 1).id();
        }
        // saved as a record: onRecordCreate("_otps") and the other record hooks see it, as upstream's app.Save
        Record row = lookups.insertHelper(SystemCollections.OTPS, r, otpValues(hasher.hash(code, OTP_COST), ""));
        try {
            // upstream records where the code went as the hook left the message; nothing when a hook stopped it
            mails.send(AuthMails.Kind.OTP, c, r, r.text("email"), Map.of("OTP", code, "OTP_ID", row.id()))
                    .filter(sent -> !sent.to().isEmpty())
                    .ifPresent(sent -> lookups.updateHelper(row, row.with("sentTo", sent.to())));
        } catch (Mailer.MailFailure e) {
            e.log(LOG, "Failed to send the OTP email");
            lookups.deleteHelper(row);
        } catch (LocketException vetoed) {
            // upstream sends in the background: a hook's error is logged and the OTP dropped
            LOG.log(System.Logger.Level.WARNING, "The OTP email was refused: " + vetoed.getMessage());
            lookups.deleteHelper(row);
        }
        return row.id();
    }

    private String code(Map<String, Object> otpOptions) {
        int length = otpOptions.get("length") instanceof Number n && n.intValue() > 0 ? n.intValue() : 8;
        return Ids.random(random, "0123456789", length);
    }

    @Override
    public Issued issueOtp(String collection, String email) {
        AuthCollection c = lookups.authCollection(collection);
        Map<String, Object> otp = AuthMails.map(c.auth().extra().get("otp"));
        if (!Boolean.TRUE.equals(otp.get("enabled"))) {
            throw new Forbidden("OTP auth is not enabled for the " + c.name() + " collection");
        }
        Record r = lookups.byEmail(c, email)
                .orElseThrow(() -> new NotFound("no " + c.name() + " record with email " + email));
        String code = code(otp);
        Record row = lookups.insertHelper(SystemCollections.OTPS, r, otpValues(hasher.hash(code, OTP_COST), ""));
        return new Issued(row.id(), code, AuthCompletion.seconds(c, "otp", 180));
    }

    @Override
    public AuthResult authWithOtp(AuthWithOtp.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        if (!Boolean.TRUE.equals(AuthMails.map(c.auth().extra().get("otp")).get("enabled"))) {
            throw new Forbidden(OTP_DISABLED);
        }
        String otpId = cmd.otpId() == null ? "" : cmd.otpId();
        String password = cmd.password() == null ? "" : cmd.password();
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        length(otpId, 255).ifPresent(e -> errors.put("otpId", e));
        length(password, 71).ifPresent(e -> errors.put("password", e));
        if (!errors.isEmpty()) {
            throw new ValidationFailed(ValidationFailed.FORM_INVALID, errors);
        }
        Collection otps = lookups.helper(SystemCollections.OTPS);
        Record row = records.find(otps, otpId).orElseThrow(() -> new BadRequest(INVALID_OTP));
        Instant expires = AuthRecords.created(row).plusSeconds(AuthCompletion.seconds(c, "otp", 180));
        if (!row.text("collectionRef").equals(c.id()) || !clock.instant().isBefore(expires)) {
            throw new BadRequest(INVALID_OTP);
        }
        Record record = records.find(c, row.text("recordRef")).orElseThrow(() -> new BadRequest(INVALID_OTP));
        checkAttempts(record.id() + "/" + cmd.clientIp());
        String hash = row.text("password");
        if (hash.isEmpty() || !hasher.matches(password, hash)) {
            throw new BadRequest(INVALID_OTP);
        }
        RequestInfo request = cmd.request().withContext("otp");
        RecordAuthWithOtpRequestEvent event = new RecordAuthWithOtpRequestEvent(c, record, request, row);
        AuthResult[] result = new AuthResult[1];
        completion.hooks().authRequests().onRecordAuthWithOTPRequest().trigger(event, e -> {
            consume(otps, e.otp().id());
            Record authRecord = verifiedByOtp(c, e.record().orElseThrow(() -> new BadRequest(INVALID_OTP)), e.otp());
            result[0] = AuthCompletion.within(e, () -> completion.complete(c, authRecord, "otp", cmd.mfaId(), request,
                    cmd.clientIp(), cmd.expand()));
        });
        event.throwIfAnswered();
        return AuthService.answered(result[0]);
    }

    /**
     * Deletes the OTP before anything is answered, as upstream does before its auth response (so an MFA
     * step that follows cannot replay it). The check and delete share one write transaction: of two
     * concurrent uses of the same code only the first finds the row, the other gets the generic 400.
     */
    private void consume(Collection otps, String otpId) {
        transactions.inTransaction(() -> {
            // deleted as a record (upstream's app.Delete): the record hooks of _otps see it
            lookups.deleteHelper(records.find(otps, otpId).orElseThrow(() -> new BadRequest(INVALID_OTP)));
            return null;
        });
    }

    /**
     * An OTP mailed to the record's current address proves the mailbox: the record becomes verified
     * and, without MFA, gets a random password (rotating its token key), as upstream does.
     */
    private Record verifiedByOtp(AuthCollection c, Record record, Record otp) {
        if (Boolean.TRUE.equals(record.get("verified")) || otp.text("sentTo").isEmpty()
                || !otp.text("sentTo").equals(record.text("email"))) {
            return record;
        }
        Record r = record.with("verified", true).with("updated", DateTimes.format(clock.instant()));
        if (!Boolean.TRUE.equals(AuthMails.map(c.auth().extra().get("mfa")).get("enabled"))) {
            int cost = c.field("password").filter(PasswordField.class::isInstance).map(PasswordField.class::cast)
                    .map(PasswordField::effectiveCost).orElse(PasswordField.DEFAULT_COST);
            r = r.with("password", hasher.hash(Ids.random(random, AccountService.TOKEN_ALPHABET, 30), cost))
                    .with("tokenKey", Ids.random(random, AccountService.TOKEN_ALPHABET, 50));
        }
        Record verified = r;
        return transactions.inTransaction(() -> {
            Record toSave = lookups.dropExternalAuths(verified) && verified.text("tokenKey").equals(record.text("tokenKey"))
                    ? verified.with("tokenKey", Ids.random(random, AccountService.TOKEN_ALPHABET, 50)) : verified;
            return writes.update(c, record, toSave, RequestInfo.guest(), "Failed to update record.");
        });
    }

    /** At most five attempts per record and client IP in a fixed 180 s window, whatever the settings say. */
    private void checkAttempts(String key) {
        Instant now = clock.instant();
        Deque<Instant> window = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && !now.isBefore(window.peekFirst().plus(ATTEMPT_WINDOW))) {
                window.pollFirst();
            }
            if (window.size() >= MAX_ATTEMPTS) {
                throw new TooManyRequests(TOO_MANY);
            }
            window.addLast(now);
        }
    }

    private static Map<String, Object> otpValues(String hash, String sentTo) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("password", hash);
        v.put("sentTo", sentTo);
        return v;
    }

    private static Optional<FieldError> length(String value, int max) {
        if (value.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (value.length() > max) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("min", 1);
            params.put("max", max);
            return Optional.of(new FieldError("validation_length_out_of_range",
                    "The length must be between 1 and " + max + ".", params));
        }
        return Optional.empty();
    }
}

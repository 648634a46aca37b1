package dev.locket.application.service.auth;

import dev.locket.application.hook.AuthRequestHooks;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAuthFlowRequestEvent;
import dev.locket.application.hook.RecordEmailChangeRequestEvent;
import dev.locket.application.port.in.auth.ConfirmEmailChange;
import dev.locket.application.port.in.auth.ConfirmPasswordReset;
import dev.locket.application.port.in.auth.ConfirmVerification;
import dev.locket.application.port.in.auth.RequestEmailChange;
import dev.locket.application.port.in.auth.RequestPasswordReset;
import dev.locket.application.port.in.auth.RequestVerification;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.PasswordHasher;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.RecordService;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Email verification, password reset and email change (auth.md §4.5–4.7). Request endpoints never
 * reveal whether an address exists; confirmations check the token's type, collection and
 * signature, and any password or email change rotates {@code tokenKey}, revoking older tokens.
 */
public final class AccountService implements RequestVerification, ConfirmVerification, RequestPasswordReset,
        ConfirmPasswordReset, RequestEmailChange, ConfirmEmailChange {
    static final String SUPERUSERS_VERIFIED = "All superusers are verified by default.";
    static final String SUPERUSERS_EMAIL = "All superusers can change their emails directly.";
    static final String EMAIL_CHANGE_FAILED = "Failed to request email change.";
    static final String PASSWORD_DISABLED = "The collection is not configured to allow password authentication.";
    static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Upstream stays silent for a repeated request of the same mail within two minutes. */
    private static final Duration RESEND_PAUSE = Duration.ofMinutes(2);
    private static final System.Logger LOG = System.getLogger(AccountService.class.getName());

    private final AuthRecords lookups;
    private final AuthTokens tokens;
    private final RecordStore records;
    private static final String UPDATE_FAILED = "Failed to update record.";

    private final Transactions transactions;
    /** Record changes of these flows go through the model hooks, so hooks and realtime see them (upstream saves). */
    private final RecordWrites writes;
    private final PasswordHasher hasher;
    private final AuthMails mails;
    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final AuthRequestHooks hooks;

    /** Without request hooks (none bound). */
    public AccountService(CollectionStore collections, RecordStore records, Transactions transactions,
                          TokenCodec tokens, PasswordHasher hasher, AuthMails mails, Clock clock,
                          RandomGenerator random, RecordService recordService) {
        this(collections, records, transactions, tokens, hasher, mails, clock, random, recordService, new Hooks());
    }

    /** {@code hooks} supplies the request hooks of these six flows. */
    public AccountService(CollectionStore collections, RecordStore records, Transactions transactions,
                          TokenCodec tokens, PasswordHasher hasher, AuthMails mails, Clock clock,
                          RandomGenerator random, RecordService recordService, Hooks hooks) {
        this.hooks = hooks.authRequests();
        this.writes = recordService.writes();
        this.lookups = new AuthRecords(collections, records, writes, clock, random);
        this.tokens = new AuthTokens(collections, records, tokens, clock);
        this.records = records;
        this.transactions = transactions;
        this.hasher = hasher;
        this.mails = mails;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void requestVerification(RequestVerification.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        if (c.isSuperusers()) {
            throw new BadRequest(SUPERUSERS_VERIFIED);
        }
        String email = validEmail("email", cmd.email());
        Optional<Record> found = lookups.byEmail(c, email);
        // as upstream: a verified record still fires the hook (its default then does nothing)
        if (found.isEmpty() || (!Boolean.TRUE.equals(found.get().get("verified"))
                && recentlySent("verification", found.get()))) {
            return;
        }
        RecordAuthFlowRequestEvent event = new RecordAuthFlowRequestEvent(c, found.get(), cmd.request());
        hooks.onRecordRequestVerificationRequest().trigger(event, e -> {
            Record r = e.record().orElseThrow();
            if (Boolean.TRUE.equals(r.get("verified"))) {
                return;
            }
            markSent("verification", r);
            String token = tokens.issue(TokenType.VERIFICATION, c, r, Map.of("email", r.text("email")));
            sendQuietly(AuthMails.Kind.VERIFICATION, c, r, r.text("email"), token);
        });
        event.throwIfAnswered();
    }

    @Override
    public void confirmVerification(ConfirmVerification.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        if (c.isSuperusers()) {
            throw new BadRequest(SUPERUSERS_VERIFIED);
        }
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        Optional<AuthTokens.Resolved> resolved = Optional.empty();
        if (cmd.token() != null && !cmd.token().isEmpty() && AuthTokens.castToString(tokens.unverifiedClaim(cmd.token(), "email")).isEmpty()) {
            // upstream checks the payload before the token itself
            errors.put("token", FieldError.of("validation_invalid_token_claims", "Missing email token claim."));
        } else {
            resolved = token(c, cmd.token(), TokenType.VERIFICATION, errors);
        }
        if (resolved.isPresent() && !resolved.get().claim("email").equals(resolved.get().record().text("email"))) {
            errors.put("token", FieldError.of("validation_token_email_mismatch",
                    "The record email doesn't match with the requested token claims."));
            resolved = Optional.empty();
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(ValidationFailed.FORM_INVALID, errors);
        }
        RecordAuthFlowRequestEvent event = new RecordAuthFlowRequestEvent(c, resolved.orElseThrow().record(),
                cmd.request());
        hooks.onRecordConfirmVerificationRequest().trigger(event, e -> {
            Record r = e.record().orElseThrow();
            if (Boolean.TRUE.equals(r.get("verified"))) {
                return;
            }
            Record updated = r.with("verified", true);
            if (!c.auth().passwordAuth().enabled()) {
                // Without password auth the upgrade also randomises the password (auth.md §4.5).
                updated = withPassword(c, updated, Ids.random(random, TOKEN_ALPHABET, 30));
            }
            Record upgraded = updated;
            transactions.inTransaction(() -> {
                Record toSave = touched(lookups.dropExternalAuths(upgraded) ? upgraded.with("tokenKey", newTokenKey())
                        : upgraded);
                writes.update(c, r, toSave, RequestInfo.guest(), UPDATE_FAILED);
            });
        });
        event.throwIfAnswered();
    }

    @Override
    public void requestPasswordReset(RequestPasswordReset.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        if (!c.auth().passwordAuth().enabled()) {
            throw new BadRequest(PASSWORD_DISABLED);
        }
        String email = validEmail("email", cmd.email());
        Optional<Record> found = lookups.byEmail(c, email);
        if (found.isEmpty() || recentlySent("passwordReset", found.get())) {
            return;
        }
        if (c.isSuperusers() && SystemCollections.INSTALLER_EMAIL.equals(found.get().text("email"))) {
            // upstream refuses to mail a reset link for the temporary installer superuser (still a silent 204)
            LOG.log(System.Logger.Level.WARNING, "no password reset for the installer superuser");
            return;
        }
        RecordAuthFlowRequestEvent event = new RecordAuthFlowRequestEvent(c, found.get(), cmd.request());
        hooks.onRecordRequestPasswordResetRequest().trigger(event, e -> {
            Record r = e.record().orElseThrow();
            markSent("passwordReset", r);
            String token = tokens.issue(TokenType.PASSWORD_RESET, c, r, Map.of("email", r.text("email")));
            sendQuietly(AuthMails.Kind.PASSWORD_RESET, c, r, r.text("email"), token);
        });
        event.throwIfAnswered();
    }

    @Override
    public void confirmPasswordReset(ConfirmPasswordReset.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        Optional<AuthTokens.Resolved> resolved = token(c, cmd.token(), TokenType.PASSWORD_RESET, errors);
        String password = cmd.password() == null ? "" : cmd.password();
        String confirm = cmd.passwordConfirm() == null ? "" : cmd.passwordConfirm();
        PasswordField field = passwordField(c);
        int min = field == null ? 0 : field.min();
        if (password.isEmpty()) {
            errors.put("password", FieldError.required());
        } else if (password.codePointCount(0, password.length()) < min
                || password.codePointCount(0, password.length()) > 255) {
            errors.put("password", FieldError.of("validation_length_out_of_range",
                    "The length must be between " + min + " and 255.", "min", min));
        } else if (field != null) {
            field.validatePlain(password).ifPresent(e -> errors.put("password", e));
        }
        if (confirm.isEmpty()) {
            errors.put("passwordConfirm", FieldError.required());
        } else if (!confirm.equals(password)) {
            errors.put("passwordConfirm", FieldError.of("validation_values_mismatch", "Values don't match."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(ValidationFailed.FORM_INVALID, errors);
        }
        AuthTokens.Resolved t = resolved.orElseThrow();
        RecordAuthFlowRequestEvent event = new RecordAuthFlowRequestEvent(c, t.record(), cmd.request());
        hooks.onRecordConfirmPasswordResetRequest().trigger(event, e -> {
            Record stored = e.record().orElseThrow();
            Record r = withPassword(c, stored, password);
            if (t.claim("email").equals(r.text("email"))) {
                r = r.with("verified", true); // the reset link proved the mailbox
            }
            Record toSave = touched(r);
            boolean upgrade = !Boolean.TRUE.equals(stored.get("verified")) && Boolean.TRUE.equals(r.get("verified"));
            transactions.inTransaction(() -> {
                if (upgrade) {
                    lookups.dropExternalAuths(toSave); // tokenKey already rotated by the new password
                }
                // the new password hash makes the save forget the known devices (auth.md §9)
                writes.update(c, stored, toSave, RequestInfo.guest(), UPDATE_FAILED);
            });
        });
        event.throwIfAnswered();
    }

    @Override
    public void requestEmailChange(RequestEmailChange.Command cmd) {
        Collection target = lookups.collection(cmd.collection());
        Record auth = cmd.request().auth().orElseThrow(Unauthorized::new);
        if (!auth.collection().id().equals(target.id())) {
            throw new Forbidden("The request requires auth record from " + target.name() + " collection.");
        }
        AuthCollection c = AuthRecords.authCollection(target);
        if (c.isSuperusers()) {
            throw new BadRequest(SUPERUSERS_EMAIL);
        }
        Record r = records.find(c, auth.id()).orElseThrow(Unauthorized::new);
        String newEmail = validEmail("newEmail", cmd.newEmail());
        if (newEmail.equalsIgnoreCase(r.text("email"))) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "newEmail",
                    FieldError.of("validation_not_in_invalid", "Must be a valid value."));
        }
        if (lookups.byEmail(c, newEmail).isPresent()) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "newEmail",
                    FieldError.of("validation_invalid_new_email", "Invalid new email address."));
        }
        RecordEmailChangeRequestEvent event = new RecordEmailChangeRequestEvent(c, r, cmd.request(), newEmail);
        hooks.onRecordRequestEmailChangeRequest().trigger(event, e -> {
            Record owner = e.record().orElseThrow();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("email", owner.text("email"));
            claims.put("newEmail", e.newEmail());
            String token = tokens.issue(TokenType.EMAIL_CHANGE, c, owner, claims);
            try {
                mails.send(AuthMails.Kind.EMAIL_CHANGE, c, owner, e.newEmail(), Map.of("TOKEN", token));
            } catch (Mailer.MailFailure failure) {
                failure.log(LOG, "Failed to send the email change mail");
                throw new BadRequest(EMAIL_CHANGE_FAILED);
            }
        });
        event.throwIfAnswered();
    }

    @Override
    public void confirmEmailChange(ConfirmEmailChange.Command cmd) {
        AuthCollection c = lookups.authCollection(cmd.collection());
        if (c.isSuperusers()) {
            throw new BadRequest(SUPERUSERS_EMAIL);
        }
        // upstream's order: the token payload, the token, its collection, the new address still free; the
        // password is then checked against the record of a token that passed all of these (else it is invalid)
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        Optional<AuthTokens.Resolved> resolved = Optional.empty();
        if (cmd.token() == null || cmd.token().isEmpty()) {
            errors.put("token", FieldError.required());
        } else if (!(tokens.unverifiedClaim(cmd.token(), "newEmail") instanceof String newEmail)
                || newEmail.isEmpty()) {
            errors.put("token", FieldError.of("validation_invalid_token_payload",
                    "Invalid token payload - newEmail must be set."));
        } else {
            resolved = token(c, cmd.token(), TokenType.EMAIL_CHANGE, errors);
            if (resolved.isPresent() && lookups.byEmail(c, resolved.get().claim("newEmail")).isPresent()) {
                errors.put("token", FieldError.of("validation_invalid_token_email", "The new email address is invalid."));
                resolved = Optional.empty();
            }
        }
        String password = cmd.password() == null ? "" : cmd.password();
        if (password.isEmpty()) {
            errors.put("password", FieldError.required());
        } else if (password.length() > 100) {
            errors.put("password", FieldError.of("validation_length_out_of_range",
                    "The length must be between 1 and 100.", "max", 100));
        } else {
            String hash = resolved.map(t -> t.record().text("password")).orElse("");
            if (hash.isEmpty() || !hasher.matches(password, hash)) {
                errors.put("password", FieldError.of("validation_invalid_password", "Missing or invalid auth record password."));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(ValidationFailed.FORM_INVALID, errors);
        }
        AuthTokens.Resolved t = resolved.orElseThrow();
        RecordEmailChangeRequestEvent event = new RecordEmailChangeRequestEvent(c, t.record(), cmd.request(),
                t.claim("newEmail"));
        hooks.onRecordConfirmEmailChangeRequest().trigger(event, e -> {
            Record stored = e.record().orElseThrow();
            Record r = stored.with("email", e.newEmail()).with("verified", true).with("tokenKey", newTokenKey());
            writes.update(c, stored, touched(r), RequestInfo.guest(), UPDATE_FAILED);
        });
        event.throwIfAnswered();
    }

    /**
     * Validates the {@code token} field: required, a valid token of {@code type}, issued for this
     * collection. Errors go into {@code errors} (alongside the other fields' errors, as upstream).
     */
    private Optional<AuthTokens.Resolved> token(AuthCollection c, String token, TokenType type,
                                                Map<String, ErrorNode> errors) {
        if (token == null || token.isEmpty()) {
            errors.put("token", FieldError.required());
            return Optional.empty();
        }
        Optional<AuthTokens.Resolved> resolved = tokens.resolve(token, type);
        if (resolved.isEmpty()) {
            errors.put("token", FieldError.of("validation_invalid_token", "Invalid or expired token."));
            return Optional.empty();
        }
        if (!resolved.get().collection().id().equals(c.id())) {
            errors.put("token", FieldError.of("validation_token_collection_mismatch",
                    "The provided token is for different auth collection."));
            return Optional.empty();
        }
        return resolved;
    }

    /** Required, at most 255 characters, email-shaped; otherwise a validation error on {@code key}. */
    static String validEmail(String key, String value) {
        String email = value == null ? "" : value;
        FieldError error = null;
        if (email.isEmpty()) {
            error = FieldError.required();
        } else if (email.length() > 255) {
            error = FieldError.of("validation_length_too_long", "The length must be no more than 255.", "max", 255);
        } else if (!EmailField.isEmail(email)) {
            error = FieldError.of("validation_is_email", "Must be a valid email address.");
        }
        if (error != null) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, key, error);
        }
        return email;
    }

    /** The record with a new bcrypt password and a new {@code tokenKey} (old tokens stop verifying). */
    private Record withPassword(AuthCollection c, Record r, String plain) {
        PasswordField field = passwordField(c);
        int cost = field == null ? PasswordField.DEFAULT_COST : field.effectiveCost();
        return r.with("password", hasher.hash(plain, cost)).with("tokenKey", newTokenKey());
    }

    private String newTokenKey() {
        return Ids.random(random, TOKEN_ALPHABET, 50);
    }

    private Record touched(Record r) {
        return r.with("updated", dev.locket.domain.types.DateTimes.format(clock.instant()));
    }

    private static PasswordField passwordField(AuthCollection c) {
        return c.field("password").filter(PasswordField.class::isInstance).map(PasswordField.class::cast).orElse(null);
    }

    /** Whether the same mail went to this record within the resend pause (upstream's resend key). */
    private boolean recentlySent(String kind, Record r) {
        Instant previous = lastSent.get(sentKey(kind, r));
        return previous != null && clock.instant().isBefore(previous.plus(RESEND_PAUSE));
    }

    private void markSent(String kind, Record r) {
        lastSent.put(sentKey(kind, r), clock.instant());
    }

    private static String sentKey(String kind, Record r) {
        return kind + "/" + r.collection().id() + "/" + r.id();
    }

    /** Request endpoints answer 204 whatever happens to the mail; failures only reach the log. */
    private void sendQuietly(AuthMails.Kind kind, AuthCollection c, Record r, String to, String token) {
        try {
            mails.send(kind, c, r, to, Map.of("TOKEN", token));
        } catch (Mailer.MailFailure e) {
            e.log(LOG, "Failed to send the " + kind.wire() + " email");
        } catch (LocketException vetoed) {
            // upstream sends these in the background: a hook's error only reaches the log
            LOG.log(System.Logger.Level.WARNING, "The " + kind.wire() + " email was refused: " + vetoed.getMessage());
        }
    }
}

package dev.locket.application.service.auth;

import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAuthFlowRequestEvent;
import dev.locket.application.hook.RecordAuthWithPasswordRequestEvent;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.PasswordHasher;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Password authentication, token refresh and token → record resolution for any auth collection
 * (auth.md §2, §3, §4.2, §4.3). Tokens are signed with the record's {@code tokenKey} plus the
 * collection's {@code authToken.secret}, so rotating either revokes them.
 */
public final class AuthService implements AuthWithPassword, AuthRefresh, Authenticate {
    static final String AUTH_FAILED = "Failed to authenticate.";
    static final String RULE_FAILED = "The request doesn't satisfy the collection requirements to authenticate.";
    static final String PASSWORD_DISABLED = "The collection is not configured to allow password authentication.";
    private static final Pattern EMAIL_SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** A cost-10 bcrypt hash of a random string: compared against when the identity is unknown. */
    private static final String DUMMY_HASH = "$2a$10$3nKMgX1yq3ILkMvjZhX0DOjhkFqAWSWkn7hCJ3xmbS0mjQn5ApWrq";

    private final CollectionStore collections;
    private final RecordStore records;
    private final TokenCodec tokens;
    private final PasswordHasher hasher;
    private final Hooks hooks;
    private final Clock clock;
    private final AuthCompletion completion;

    public AuthService(CollectionStore collections, RecordStore records, TokenCodec tokens, PasswordHasher hasher,
                       Hooks hooks, Clock clock, AuthCompletion completion) {
        this.collections = collections;
        this.records = records;
        this.tokens = tokens;
        this.hasher = hasher;
        this.hooks = hooks;
        this.clock = clock;
        this.completion = completion;
    }

    /** Without mail: new-login alerts fail quietly (logged), as they do when no mail transport works. */
    public AuthService(CollectionStore collections, RecordStore records, TokenCodec tokens, PasswordHasher hasher,
                       Hooks hooks, Clock clock) {
        this(collections, records, tokens, hasher, hooks, clock, new AuthCompletion(collections, records, tokens,
                hooks, AuthMails.none(), clock, new java.security.SecureRandom()));
    }

    @Override
    public AuthResult authWithPassword(AuthWithPassword.Command cmd) {
        AuthCollection c = authCollection(cmd.collection());
        if (!c.auth().passwordAuth().enabled()) {
            throw new Forbidden(PASSWORD_DISABLED);
        }
        String identity = cmd.identity() == null ? "" : cmd.identity();
        String password = cmd.password() == null ? "" : cmd.password();
        String identityField = cmd.identityField() == null ? "" : cmd.identityField();
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        lengthError(identity).ifPresent(e -> errors.put("identity", e));
        lengthError(password).ifPresent(e -> errors.put("password", e));
        List<String> allowed = c.auth().passwordAuth().identityFields();
        if (!identityField.isEmpty() && !allowed.contains(identityField)) {
            errors.put("identityField", FieldError.of("validation_in_invalid", "Must be a valid value."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(ValidationFailed.FORM_INVALID, errors);
        }
        RequestInfo request = cmd.request().withContext("password");
        Optional<Record> found = identityField.isEmpty()
                ? findByIdentity(c, identity, allowed, true, request)
                : findByIdentity(c, identity, List.of(identityField), false, request);
        // As upstream, a missing identity is not an error yet: a handler may find the record itself.
        RecordAuthWithPasswordRequestEvent event = new RecordAuthWithPasswordRequestEvent(c, found.orElse(null),
                request, identity, identityField, password);
        AuthResult[] result = new AuthResult[1];
        hooks.authRequests().onRecordAuthWithPasswordRequest().trigger(event, e -> {
            if (e.record().isEmpty()) {
                // Comparable work for unknown identities, so timing does not reveal which exist.
                hasher.matches(e.password(), DUMMY_HASH);
                throw new BadRequest(AUTH_FAILED);
            }
            Record record = e.record().get();
            String hash = record.text("password");
            if (hash.isEmpty() || !hasher.matches(e.password(), hash)) {
                throw new BadRequest(AUTH_FAILED);
            }
            result[0] = AuthCompletion.within(e, () -> completion.complete(c, record, "password", cmd.mfaId(),
                    request, cmd.clientIp(), cmd.expand()));
        });
        event.throwIfAnswered();
        return answered(result[0]);
    }

    /** A request hook that neither called {@code next()} nor answered leaves nothing to send: upstream's empty 200. */
    static AuthResult answered(AuthResult result) {
        if (result == null) {
            throw HookResponse.nothingWritten();
        }
        return result;
    }

    @Override
    public AuthResult authRefresh(AuthRefresh.Command cmd) {
        // The "same collection auth" guard answers 401/403 before a non-auth collection's 404 (auth.md §0).
        Collection target = collection(cmd.collection());
        RequestInfo request = cmd.request();
        Record auth = request.auth().orElseThrow(Unauthorized::new);
        if (!auth.collection().id().equals(target.id())) {
            throw new Forbidden("The request requires auth record from " + target.name() + " collection.");
        }
        AuthCollection c = authCollection(target);
        Record fresh = records.find(c, auth.id()).orElseThrow(Unauthorized::new);
        RecordAuthFlowRequestEvent event = new RecordAuthFlowRequestEvent(c, fresh, request);
        AuthResult[] result = new AuthResult[1];
        hooks.authRequests().onRecordAuthRefreshRequest().trigger(event, e -> {
            Record r = e.record().orElseThrow(Unauthorized::new);
            completion.checkAuthRule(c, r, request);
            // Non-refreshable tokens (impersonation) are handed back unchanged, as upstream does.
            boolean refreshable = tokens.peek(cmd.presentedToken()).map(TokenClaims::refreshable).orElse(false);
            String token = refreshable ? sign(c, r) : cmd.presentedToken();
            result[0] = AuthCompletion.within(e, () -> completion.respond(c, r, token, request, "", cmd.expand()));
        });
        event.throwIfAnswered();
        return answered(result[0]);
    }

    @Override
    public Optional<Record> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<TokenClaims> peeked = tokens.peek(token);
        if (peeked.isEmpty()) {
            return Optional.empty();
        }
        TokenClaims claims = peeked.get();
        if (claims.type() != TokenType.AUTH || blank(claims.id()) || blank(claims.collectionId())) {
            return Optional.empty();
        }
        Optional<Collection> c = collections.find(claims.collectionId())
                .filter(x -> x.id().equals(claims.collectionId()));
        if (c.isEmpty() || !(c.get() instanceof AuthCollection auth)) {
            return Optional.empty();
        }
        Optional<Record> record = records.find(auth, claims.id());
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String key = record.get().text("tokenKey") + auth.auth().authToken().secret();
        return tokens.verify(token, key)
                .filter(v -> v.type() == TokenType.AUTH && claims.id().equals(v.id())
                        && auth.id().equals(v.collectionId()))
                .map(v -> record.get());
    }

    /** A fresh refreshable auth token for the record. */
    String sign(AuthCollection c, Record record) {
        return completion.authToken(c, record, true, 0);
    }

    private Optional<Record> findByIdentity(AuthCollection c, String identity, List<String> fields,
                                            boolean skipNonEmail, RequestInfo request) {
        List<String> ordered = new ArrayList<>();
        if (fields.contains("email")) {
            ordered.add("email");
        }
        for (String f : fields) {
            if (!f.equals("email")) {
                ordered.add(f);
            }
        }
        for (String field : ordered) {
            if (skipNonEmail && field.equals("email") && !EMAIL_SHAPE.matcher(identity).matches()) {
                continue; // upstream skips email for identities that cannot be one
            }
            if (c.field(field).isEmpty() || !field.matches("\\w+")) {
                continue;
            }
            // The lookup runs with a rule's reach so hidden identity fields work too.
            Lookup lookup = AuthRecords.identityLookup(c, field, identity);
            Page<Record> page = records.list(c, new RecordQuery(BoundFilter.of(lookup), BoundFilter.ALL, List.of(), 1, 1,
                    true, request));
            if (!page.items().isEmpty()) {
                return Optional.of(page.items().get(0));
            }
        }
        return Optional.empty();
    }

    private AuthCollection authCollection(String idOrName) {
        return authCollection(collection(idOrName));
    }

    private Collection collection(String idOrName) {
        return collections.find(idOrName).orElseThrow(() -> new NotFound("Missing or invalid collection context."));
    }

    private static AuthCollection authCollection(Collection c) {
        if (!(c instanceof AuthCollection auth)) {
            throw new NotFound("Missing or invalid auth collection context.");
        }
        return auth;
    }

    private static Optional<FieldError> lengthError(String value) {
        if (value.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (value.length() > 255) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("min", 1);
            params.put("max", 255);
            return Optional.of(new FieldError("validation_length_out_of_range", "The length must be between 1 and 255.",
                    params));
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}

package dev.locket.application.service.auth;

import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.ProviderClient;
import dev.locket.application.hook.RecordAuthWithOAuth2RequestEvent;
import dev.locket.application.port.in.auth.AuthMethods;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.domain.json.JsonObject;
import dev.locket.domain.filter.Lookup;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithOAuth2;
import dev.locket.application.port.in.auth.AuthWithOAuth2.Meta;
import dev.locket.application.port.in.auth.CompleteOAuth2Redirect;
import dev.locket.application.port.in.auth.ListOAuth2Providers;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.OAuth2Client;
import dev.locket.application.port.out.PasswordHasher;
import dev.locket.application.port.out.RealtimePublisher;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.RecordService;
import dev.locket.application.service.support.AdminAccess;
import dev.locket.domain.auth.oauth2.AuthUrl;
import dev.locket.domain.auth.oauth2.OAuth2Config;
import dev.locket.domain.auth.oauth2.OAuth2User;
import dev.locket.domain.auth.oauth2.ProviderConfig;
import dev.locket.domain.auth.oauth2.Providers;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.json.Json;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.DateTimes;
import dev.locket.domain.types.Ids;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * OAuth2 login (auth.md §6): the code exchange with the provider, picking or creating the auth
 * record and its {@code _externalAuths} link, the realtime redirect hand-off of the popup flow, the
 * provider list {@code auth-methods} shows and the catalogue of every provider for the dashboard.
 */
public final class OAuth2Service implements AuthWithOAuth2, CompleteOAuth2Redirect, ListOAuth2Providers {
    static final String DISABLED = "The collection is not configured to allow OAuth2 authentication.";
    static final String AUTH_FAILED = "Failed to authenticate.";
    /** The realtime topic the SDK's popup flow subscribes to. */
    public static final String TOPIC = "@oauth2";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration NAME_TTL = Duration.ofMinutes(1);

    private final CollectionStore collections;
    private final RecordStore records;
    private final Transactions tx;
    private final PasswordHasher hasher;
    private final RecordService recordService;
    private final AuthCompletion completion;
    private final OAuth2Client client;
    private final ProviderUsers users;
    private final RealtimePublisher realtime;
    private final Clock clock;
    private final RandomGenerator random;
    /** Apple sends the user's name only to the redirect; kept per code for one minute (§6.2). */
    private final Map<String, RememberedName> appleNames = new ConcurrentHashMap<>();

    private record RememberedName(String name, Instant until) {
    }

    public OAuth2Service(CollectionStore collections, RecordStore records, Transactions tx, PasswordHasher hasher,
                         RecordService recordService, AuthCompletion completion, OAuth2Client client,
                         RealtimePublisher realtime, Clock clock, RandomGenerator random) {
        this.collections = collections;
        this.records = records;
        this.tx = tx;
        this.hasher = hasher;
        this.recordService = recordService;
        this.completion = completion;
        this.client = client;
        this.users = new ProviderUsers(client, clock);
        this.realtime = realtime == null ? RealtimePublisher.NONE : realtime;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The {@code oauth2.providers} entries of {@code GET auth-methods} (auth.md §4.1), in configuration
     * order, each with a fresh state and PKCE verifier; empty when OAuth2 is disabled. The PKCE values
     * are {@code ""} for providers without PKCE.
     */
    public List<AuthMethods.Provider> authMethodsProviders(AuthCollection collection) {
        OAuth2Config config = OAuth2Config.of(collection.auth());
        List<AuthMethods.Provider> out = new ArrayList<>();
        if (!config.enabled() || collection.isSuperusers()) {
            return out;
        }
        for (ProviderConfig p : config.providers()) {
            String state = Ids.random(random, ALNUM, 30);
            String verifier = p.pkce() ? Ids.random(random, ALNUM, 43) : "";
            String challenge = p.pkce() ? AuthUrl.codeChallenge(verifier) : "";
            String url = AuthUrl.build(p, state, challenge);
            out.add(new AuthMethods.Provider(p.name(), p.displayName().isEmpty() ? p.name() : p.displayName(),
                    ProviderLogos.svg(p.name()), state, url, verifier, challenge, p.pkce() ? "S256" : ""));
        }
        return out;
    }

    @Override
    public List<ListOAuth2Providers.Entry> listOAuth2Providers(RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        return Providers.listed().stream()
                .map(p -> new ListOAuth2Providers.Entry(p.name(), p.displayName(), ProviderLogos.svg(p.name())))
                .toList();
    }

    @Override
    public Result authWithOAuth2(AuthWithOAuth2.Command cmd) {
        AuthCollection c = authCollection(cmd.collection());
        OAuth2Config config = OAuth2Config.of(c.auth());
        if (!config.enabled() || c.isSuperusers()) {
            throw new Forbidden(DISABLED);
        }
        ProviderConfig provider = validate(cmd, config);
        RequestInfo request = cmd.request().withContext("oauth2");
        OAuth2User user = fetchUser(provider, cmd);

        Optional<Record> linked = findLink(c, provider.name(), user.id())
                .flatMap(link -> records.find(c, link.text("recordRef")));
        Optional<Record> existing = linked
                .or(() -> request.auth().filter(a -> a.collection().id().equals(c.id()))
                        .flatMap(a -> records.find(c, a.id())))
                .or(() -> user.email().isEmpty() ? Optional.empty() : findByEmail(c, user.email()));
        Map<String, Object> createData = new LinkedHashMap<>();
        cmd.createData().entries().forEach(e -> createData.put(e.key(), e.value()));
        RecordAuthWithOAuth2RequestEvent event = new RecordAuthWithOAuth2RequestEvent(c, existing.orElse(null),
                request, new ProviderClient(provider, cmd.redirectURL(), client), user, createData);
        Result[] result = new Result[1];
        completion.hooks().authRequests().onRecordAuthWithOAuth2Request().trigger(event, e -> {
            Record record = saveAndLink(c, config, user, provider.name(), e, request);
            Meta meta = meta(e.oauth2User(), e.isNewRecord());
            // authRule, MFA (the record and its link exist even when a second factor is still due), alert; the
            // auth request hook sees the meta and may change it, as upstream's RecordAuthResponse
            AuthResult auth = AuthCompletion.within(e, () -> completion.complete(c, record, "oauth2", cmd.mfaId(),
                    request, cmd.clientIp(), cmd.expand(), metaObject(meta)));
            result[0] = auth == null ? null : new Result(auth, meta);
        });
        event.throwIfAnswered();
        if (result[0] == null) {
            throw HookResponse.nothingWritten();
        }
        return result[0];
    }

    /** Steps 3 and 4: the event's record updated (or a new one created from its createData), then linked. */
    private Record saveAndLink(AuthCollection c, OAuth2Config config, OAuth2User user, String providerName,
                               RecordAuthWithOAuth2RequestEvent e, RequestInfo request) {
        try {
            return tx.inTransaction(() -> {
                Record r;
                if (e.record().isPresent()) {
                    r = updateExisting(c, e.record().get(), user, request);
                } else {
                    RecordBody.Builder body = RecordBody.builder();
                    e.createData().forEach(body::put);
                    r = createNew(c, config, user, body.build(), request);
                }
                ensureLink(c, r, providerName, user.id(), request);
                return r;
            });
        } catch (ValidationFailed ex) {
            throw ex.withMessage(AUTH_FAILED);
        } catch (LocketException ex) {
            // createRule failures and the like keep their own answer, as upstream's API errors do.
            throw ex;
        } catch (RuntimeException ex) {
            throw new BadRequest(AUTH_FAILED, ex);
        }
    }

    @Override
    public boolean completeRedirect(Callback cb) {
        if (cb.state().isEmpty()) {
            return false;
        }
        if (!cb.user().isEmpty() && !cb.code().isEmpty()) {
            appleName(cb.user()).ifPresent(name -> remember(cb.code(), name));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("state", cb.state());
        message.put("code", cb.code());
        if (!cb.error().isEmpty()) {
            message.put("error", cb.error());
        }
        if (!realtime.sendOnce(cb.state(), TOPIC, cb.clientIp(), message)) {
            return false;
        }
        return cb.error().isEmpty() && !cb.code().isEmpty();
    }

    private ProviderConfig validate(AuthWithOAuth2.Command cmd, OAuth2Config config) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        String name = cmd.provider();
        Optional<ProviderConfig> provider = config.provider(name);
        if (name.isEmpty()) {
            errors.put("provider", FieldError.required());
        } else if (name.length() > 100) {
            errors.put("provider", FieldError.of("validation_length_too_long", "The length must be no more than 100.",
                    "max", 100));
        } else if (provider.isEmpty()) {
            errors.put("provider", FieldError.of("validation_invalid_provider",
                    "Provider with name \"" + name + "\" is missing or is not enabled."));
        }
        if (cmd.code().isEmpty()) {
            errors.put("code", FieldError.required());
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(BadRequest.LOAD_FAILED, errors);
        }
        return provider.orElseThrow();
    }

    private OAuth2User fetchUser(ProviderConfig p, AuthWithOAuth2.Command cmd) {
        OAuth2User user = users.fetch(p, cmd.code(), cmd.codeVerifier(), cmd.redirectURL());
        if (p.name().equals("apple") && user.name().isEmpty()) {
            user = user.withName(recall(cmd.code()));
        }
        return user;
    }

    private Optional<Record> findLink(AuthCollection c, String provider, String providerId) {
        return externalAuths().flatMap(ext -> first(ext, Lookup.byField("collectionRef", c.id())
                .and("provider", provider).and("providerId", providerId)));
    }

    private Optional<Record> findByEmail(AuthCollection c, String email) {
        return first(c, Lookup.byField("email", email));
    }

    private Optional<Record> first(Collection c, Lookup lookup) {
        var page = records.list(c, RecordQuery.lookup(lookup, List.of(), 1));
        return page.items().isEmpty() ? Optional.empty() : Optional.of(page.items().get(0));
    }

    private Optional<Collection> externalAuths() {
        return collections.find(SystemCollections.EXTERNAL_AUTHS)
                .filter(x -> x.name().equals(SystemCollections.EXTERNAL_AUTHS));
    }

    /** Step 3, new record: createData + provider email + mapped fields, through the normal create path. */
    private Record createNew(AuthCollection c, OAuth2Config config, OAuth2User user, RecordBody createData,
                             RequestInfo request) {
        Map<String, Object> payload = new LinkedHashMap<>();
        createData.entries().forEach(e -> payload.put(e.key(), e.value()));
        if (!(payload.get("email") instanceof String e) || e.isEmpty()) {
            payload.put("email", user.email());
        }
        mapValue(c, config.mappedField("id"), user.id(), payload);
        mapValue(c, config.mappedField("name"), user.name(), payload);
        String usernameField = config.mappedField("username");
        if (!usernameField.isEmpty() && !payload.containsKey(usernameField)
                && usernameAvailable(c, usernameField, user.username())) {
            payload.put(usernameField, user.username());
        }
        String avatarField = config.mappedField("avatarURL");
        List<UploadedFile> uploads = List.of();
        if (c.field(avatarField).orElse(null) instanceof FileField) {
            if (!payload.containsKey(avatarField) && !user.avatarURL().isEmpty()) {
                uploads = avatar(avatarField, user.avatarURL());
            }
        } else {
            mapValue(c, avatarField, user.avatarURL(), payload);
        }
        if (!payload.containsKey("password")) {
            String password = Ids.random(random, ALNUM, 30);
            payload.put("password", password);
            payload.put("passwordConfirm", password);
        }
        RecordBody.Builder body = RecordBody.builder();
        payload.forEach(body::put);
        Record created = recordService.create(new CreateRecord.Command(c.id(), body.files(uploads).build(), "",
                request));
        Record stored = records.find(c, created.id()).orElseThrow(() -> new BadRequest(AUTH_FAILED));
        if (stored.text("email").equals(user.email()) && !Boolean.TRUE.equals(stored.get("verified"))) {
            Record verified = touch(c, stored.with("verified", true));
            return recordService.writes().update(c, stored, verified, request, AUTH_FAILED);
        }
        return stored;
    }

    /**
     * The provider's avatar as an upload for a file field (upstream downloads it, from public addresses
     * only); a failed download is ignored, as upstream only logs it. The file is named after the URL's
     * last path element, as upstream names it.
     */
    private List<UploadedFile> avatar(String field, String url) {
        byte[] bytes;
        try {
            bytes = client.downloadPublic(url);
        } catch (OAuth2Client.Failure e) {
            return List.of();
        }
        String trimmed = url.replaceAll("/+$", "");
        String name = trimmed.isEmpty() ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return List.of(new UploadedFile(field, UploadedFile.Placement.SET, name, bytes.length,
                offset -> new ByteArrayInputStream(bytes, (int) Math.min(offset, bytes.length), bytes.length)));
    }

    private static void mapValue(AuthCollection c, String field, String value, Map<String, Object> payload) {
        if (!field.isEmpty() && !value.isEmpty() && !payload.containsKey(field) && c.field(field).isPresent()) {
            payload.put(field, value);
        }
    }

    /** A mapped username is only used when the field accepts it and no record has it (case-insensitively). */
    private boolean usernameAvailable(AuthCollection c, String field, String username) {
        Optional<Field> f = c.field(field);
        if (username.isEmpty() || f.isEmpty() || f.get().validate(f.get().normalize(username)).isPresent()) {
            return false;
        }
        var page = records.list(c, RecordQuery.lookup(Lookup.containing(field, username), List.of(), 200));
        return page.items().stream().noneMatch(r -> r.text(field).equalsIgnoreCase(username));
    }

    /** Step 3, existing record (auth.md §6.1). */
    private Record updateExisting(AuthCollection c, Record existing, OAuth2User user, RequestInfo request) {
        Record r = existing;
        boolean verified = Boolean.TRUE.equals(existing.get("verified"));
        boolean own = request.auth().map(a -> a.collection().id().equals(c.id()) && a.id().equals(existing.id()))
                .orElse(false);
        if (!verified && !own) {
            // Whoever set the password of an unverified account may not be its owner: it is randomised.
            r = r.with("password", hasher.hash(Ids.random(random, ALNUM, 30), passwordCost(c)))
                    .with("tokenKey", Ids.random(random, ALNUM, 50));
        }
        if (!verified && dropLinks(c, existing, request)) {
            r = r.with("tokenKey", Ids.random(random, ALNUM, 50));
        }
        String email = r.text("email");
        if (email.isEmpty() && !user.email().isEmpty()) {
            r = r.with("email", user.email());
        }
        if (!verified && (email.isEmpty() || email.equals(user.email()))) {
            r = r.with("verified", true);
        }
        if (r.equals(existing)) {
            return existing;
        }
        return recordService.writes().update(c, existing, touch(c, r), request, AUTH_FAILED);
    }

    /** Deletes every {@code _externalAuths} link of the record; whether there were any. */
    private boolean dropLinks(AuthCollection c, Record record, RequestInfo request) {
        Optional<Collection> ext = externalAuths();
        if (ext.isEmpty()) {
            return false;
        }
        Lookup links = Lookup.byField("collectionRef", c.id()).and("recordRef", record.id());
        var page = records.list(ext.get(), RecordQuery.lookup(links, List.of(), 1000));
        for (Record link : page.items()) {
            recordService.writes().delete(ext.get(), link, request);
        }
        return !page.items().isEmpty();
    }

    /** Step 4: the {@code _externalAuths} link, created when not there yet. */
    private void ensureLink(AuthCollection c, Record record, String provider, String providerId, RequestInfo request) {
        Collection ext = externalAuths().orElseThrow(() -> new BadRequest(AUTH_FAILED));
        Optional<Record> current = findLink(c, provider, providerId);
        if (current.isPresent() && current.get().text("recordRef").equals(record.id())) {
            return;
        }
        String now = DateTimes.format(clock.instant());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : ext.fields()) {
            values.put(f.name(), f.zero());
        }
        values.put("id", Ids.recordId(random));
        values.put("collectionRef", c.id());
        values.put("recordRef", record.id());
        values.put("provider", provider);
        values.put("providerId", providerId);
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        for (Field f : ext.fields()) {
            if (f instanceof AutodateField) {
                values.put(f.name(), now);
            } else {
                // upstream saves the link through record validation: a provider user without an id fails here
                f.validate(values.get(f.name())).ifPresent(e -> errors.put(f.name(), e));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(AUTH_FAILED, errors);
        }
        recordService.writes().insert(ext, new Record(ext, values), request, AUTH_FAILED);
    }

    private Record touch(Collection c, Record r) {
        String now = DateTimes.format(clock.instant());
        Record out = r;
        for (Field f : c.fields()) {
            if (f instanceof AutodateField a && a.onUpdate()) {
                out = out.with(f.name(), now);
            }
        }
        return out;
    }

    private static int passwordCost(AuthCollection c) {
        return c.field("password").orElse(null) instanceof PasswordField p && p.cost() > 0 ? p.cost() : 10;
    }

    /**
     * The response's {@code meta} as upstream builds it (the provider's user as JSON plus {@code isNew}), keyed in
     * upstream's order (legacy {@code avatarUrl} included); mutable, for the auth request hook.
     */
    private static Map<String, Object> metaObject(Meta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", meta.id());
        m.put("name", meta.name());
        m.put("username", meta.username());
        m.put("email", meta.email());
        m.put("avatarURL", meta.avatarURL());
        m.put("avatarUrl", meta.avatarURL());
        m.put("rawUser", meta.rawUser().asMap());
        m.put("accessToken", meta.accessToken());
        m.put("refreshToken", meta.refreshToken());
        m.put("expiry", meta.expiry().map(DateTimes::format).orElse(""));
        m.put("isNew", meta.isNew());
        return m;
    }

    private static AuthWithOAuth2.Meta meta(OAuth2User user, boolean isNew) {
        return new AuthWithOAuth2.Meta(user.id(), user.name(), user.username(), user.email(), user.avatarURL(),
                JsonObject.of(user.rawUser()), user.accessToken(), user.refreshToken(), user.expiry(), isNew);
    }

    /** Apple's {@code user} JSON: {@code {"name":{"firstName","lastName"}}} → "first last", at most 150 bytes. */
    static Optional<String> appleName(String userJson) {
        Object parsed;
        try {
            parsed = Json.parse(userJson);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?> m) || !(m.get("name") instanceof Map<?, ?> n)) {
            return Optional.empty();
        }
        String first = n.get("firstName") instanceof String s ? s : "";
        String last = n.get("lastName") instanceof String s ? s : "";
        String name = (first + " " + last).trim();
        while (name.getBytes(StandardCharsets.UTF_8).length > 150) {
            name = name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private void remember(String code, String name) {
        Instant now = clock.instant();
        appleNames.values().removeIf(r -> r.until().isBefore(now));
        appleNames.put(code, new RememberedName(name, now.plus(NAME_TTL)));
    }

    private String recall(String code) {
        RememberedName r = appleNames.remove(code);
        return r == null || r.until().isBefore(clock.instant()) ? "" : r.name();
    }

    private AuthCollection authCollection(String idOrName) {
        Collection c = collections.find(idOrName)
                .orElseThrow(() -> new NotFound("Missing or invalid collection context."));
        if (!(c instanceof AuthCollection a)) {
            throw new NotFound("Missing or invalid auth collection context.");
        }
        return a;
    }
}

package dev.locket.domain.collection;

import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonShape;
import dev.locket.domain.types.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The collections a fresh PocketBase v0.39 data directory starts with, and the default fields,
 * indexes and options every auth collection gets.
 */
public final class SystemCollections {
    public static final String SUPERUSERS = "_superusers";
    public static final String SUPERUSERS_ID = "pbc_3142635823";
    public static final String USERS = "users";
    public static final String USERS_ID = "_pb_users_auth_";
    public static final String MFAS = "_mfas";
    public static final String OTPS = "_otps";
    public static final String EXTERNAL_AUTHS = "_externalAuths";
    public static final String AUTH_ORIGINS = "_authOrigins";
    /**
     * The address of the temporary superuser that {@code serve} creates when no superuser exists, so its
     * short-lived token can authorize the dashboard's installer (upstream's {@code DefaultInstallerEmail}).
     */
    public static final String INSTALLER_EMAIL = "__pbinstaller@example.com";

    /** Only the owning auth record may see (and for some, delete) its helper records. */
    public static final String OWNER_RULE =
            "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";

    private SystemCollections() {
    }

    /**
     * The initial collections in PocketBase's creation order, with fresh token secrets.
     *
     * @param now the created/updated timestamp in PocketBase's text form
     */
    public static List<Collection> all(String now, RandomGenerator random) {
        return List.of(superusers(now, random), users(now, random), mfas(now), otps(now), externalAuths(now),
                authOrigins(now));
    }

    /** The system {@code id} text field every non-view collection starts with (§3). */
    /** The pattern a record id field gets when it has none (upstream's default lowercase id pattern). */
    public static final String ID_PATTERN = "^[a-z0-9]+$";

    public static TextField idField() {
        return new TextField(meta("text", "id", true, false), true, 15, 15, ID_PATTERN, "[a-z0-9]{15}", true);
    }

    /** {@code id}, {@code password}, {@code tokenKey}, {@code email}, {@code emailVisibility}, {@code verified}. */
    public static List<Field> authDefaultFields() {
        return List.of(
                idField(),
                new PasswordField(meta("password", "password", true, true), true, 8, 0, "", 0),
                new TextField(meta("text", "tokenKey", true, true), true, 30, 60, "", "[a-zA-Z0-9]{50}", false),
                new EmailField(meta("email", "email", true, false), true, List.of(), List.of()),
                new BoolField(meta("bool", "emailVisibility", true, false), false),
                new BoolField(meta("bool", "verified", true, false), false));
    }

    /** The unique {@code tokenKey} and {@code email} indexes an auth collection must have (§5). */
    public static List<String> authIndexes(String collectionId, String name) {
        return List.of(
                "CREATE UNIQUE INDEX `" + indexName("idx_tokenKey_" + collectionId) + "` ON `" + name
                        + "` (`tokenKey`)",
                "CREATE UNIQUE INDEX `" + indexName("idx_email_" + collectionId) + "` ON `" + name
                        + "` (`email`) WHERE `email` != ''");
    }

    /** A new auth collection's options with fresh 50-character {@code [A-Za-z0-9]} token secrets. */
    public static AuthOptions defaultAuthOptions(RandomGenerator random) {
        return AuthDefaults.options(random);
    }

    /** A 50-character {@code [A-Za-z0-9]} token secret, as PocketBase generates them. */
    public static String newSecret(RandomGenerator random) {
        return AuthDefaults.secret(random);
    }

    private static AuthCollection superusers(String now, RandomGenerator random) {
        List<Field> fields = new ArrayList<>(authDefaultFields());
        fields.add(autodate("created", true, true, false));
        fields.add(autodate("updated", true, true, true));
        AuthOptions d = defaultAuthOptions(random);
        AuthOptions options = new AuthOptions(d.authRule(), d.manageRule(), d.passwordAuth(),
                new TokenConfig(d.authToken().secret(), AuthDefaults.SUPERUSERS_AUTH_TOKEN_DURATION),
                d.passwordResetToken(), d.emailChangeToken(), d.verificationToken(), d.fileToken(), d.extra());
        return new AuthCollection(SUPERUSERS_ID, SUPERUSERS, true, fields, CollectionRules.locked(),
                authIndexes(SUPERUSERS_ID, SUPERUSERS), now, now, options);
    }

    private static AuthCollection users(String now, RandomGenerator random) {
        List<Field> fields = new ArrayList<>(authDefaultFields());
        fields.add(new TextField(meta("text", "name", false, false), false, 0, 255, "", "", false));
        fields.add(new FileField(meta("file", "avatar", false, false), false, 1, 0,
                List.of("image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp"), List.of(), false));
        fields.add(autodate("created", false, true, false));
        fields.add(autodate("updated", false, true, true));
        AccessRule owner = AccessRule.of("id = @request.auth.id");
        CollectionRules rules = new CollectionRules(owner, owner, AccessRule.PUBLIC, owner, owner);
        AuthOptions d = defaultAuthOptions(random);
        // upstream maps the OAuth2 profile name and avatar onto the default users fields
        Map<String, Object> extra = new LinkedHashMap<>(d.extra());
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth2 = new LinkedHashMap<>((Map<String, Object>) extra.get("oauth2"));
        Map<String, Object> mapped = new LinkedHashMap<>();
        mapped.put("id", "");
        mapped.put("name", "name");
        mapped.put("username", "");
        mapped.put("avatarURL", "avatar");
        oauth2.put("mappedFields", mapped);
        extra.put("oauth2", JsonShape.frozenCopy(oauth2));
        AuthOptions options = new AuthOptions(d.authRule(), d.manageRule(), d.passwordAuth(), d.authToken(),
                d.passwordResetToken(), d.emailChangeToken(), d.verificationToken(), d.fileToken(), extra);
        return new AuthCollection(USERS_ID, USERS, false, fields, rules, authIndexes(USERS_ID, USERS), now, now,
                options);
    }

    private static BaseCollection mfas(String now) {
        List<Field> fields = refFields();
        fields.add(systemText("method", true, false));
        fields.addAll(systemAutodates());
        return helper(MFAS, Ids.collectionId("base", MFAS), fields, false,
                List.of("CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (collectionRef,recordRef)"), now);
    }

    private static BaseCollection otps(String now) {
        List<Field> fields = refFields();
        fields.add(new PasswordField(meta("password", "password", true, true), true, 0, 0, "", 8));
        fields.add(systemText("sentTo", false, true));
        fields.addAll(systemAutodates());
        return helper(OTPS, Ids.collectionId("base", OTPS), fields, false,
                List.of("CREATE INDEX `idx_otps_collectionRef_recordRef` ON `_otps` (collectionRef, recordRef)"), now);
    }

    private static BaseCollection externalAuths(String now) {
        List<Field> fields = refFields();
        fields.add(systemText("provider", true, false));
        fields.add(systemText("providerId", true, false));
        fields.addAll(systemAutodates());
        return helper(EXTERNAL_AUTHS, Ids.collectionId("base", EXTERNAL_AUTHS), fields, true, List.of(
                "CREATE UNIQUE INDEX `idx_externalAuths_record_provider` ON `_externalAuths` "
                        + "(collectionRef, recordRef, provider)",
                "CREATE UNIQUE INDEX `idx_externalAuths_collection_provider` ON `_externalAuths` "
                        + "(collectionRef, provider, providerId)"), now);
    }

    private static BaseCollection authOrigins(String now) {
        List<Field> fields = refFields();
        fields.add(systemText("fingerprint", true, false));
        fields.addAll(systemAutodates());
        return helper(AUTH_ORIGINS, Ids.collectionId("base", AUTH_ORIGINS), fields, true, List.of(
                "CREATE UNIQUE INDEX `idx_authOrigins_unique_pairs` ON `_authOrigins` "
                        + "(collectionRef, recordRef, fingerprint)"), now);
    }

    private static BaseCollection helper(String name, String id, List<Field> fields, boolean ownerDeletes,
                                         List<String> indexes, String now) {
        AccessRule owner = AccessRule.of(OWNER_RULE);
        CollectionRules rules = new CollectionRules(owner, owner, AccessRule.LOCKED, AccessRule.LOCKED,
                ownerDeletes ? owner : AccessRule.LOCKED);
        return new BaseCollection(id, name, true, fields, rules, indexes, now, now);
    }

    private static List<Field> refFields() {
        List<Field> fields = new ArrayList<>();
        fields.add(idField());
        fields.add(systemText("collectionRef", true, false));
        fields.add(systemText("recordRef", true, false));
        return fields;
    }

    private static List<Field> systemAutodates() {
        return List.of(autodate("created", true, true, false), autodate("updated", true, true, true));
    }

    private static TextField systemText(String name, boolean required, boolean hidden) {
        return new TextField(meta("text", name, true, hidden), required, 0, 0, "", "", false);
    }

    private static AutodateField autodate(String name, boolean system, boolean onCreate, boolean onUpdate) {
        return new AutodateField(meta("autodate", name, system, false), onCreate, onUpdate);
    }

    /** Field ids are the type plus the CRC-32 of the name, as upstream generates them. */
    private static FieldMeta meta(String type, String name, boolean system, boolean hidden) {
        return new FieldMeta(Ids.fieldId(type, name), name, system, hidden, false, "");
    }

    /** SQLite accepts longer names, but upstream caps generated index names at 64 characters. */
    private static String indexName(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}

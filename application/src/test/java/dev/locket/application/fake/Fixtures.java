package dev.locket.application.fake;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.record.Record;
import dev.locket.domain.types.Ids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for collections, fields and records used by the application tests. */
public final class Fixtures {
    public static final String SECRET = "authTokenSecretauthTokenSecretauthTokenSecret";

    private Fixtures() {
    }

    public static FieldMeta meta(String type, String name, boolean system, boolean hidden) {
        return new FieldMeta(Ids.fieldId(type, name), name, system, hidden, false, "");
    }

    public static TextField idField() {
        return new TextField(meta("text", "id", true, false), true, 15, 15, "^[a-z0-9]+$", "[a-z0-9]{15}", true);
    }

    public static TextField text(String name, boolean required) {
        return new TextField(meta("text", name, false, false), required, 0, 0, "", "", false);
    }

    public static TextField hiddenText(String name) {
        return new TextField(meta("text", name, false, true), false, 0, 0, "", "", false);
    }

    public static NumberField number(String name) {
        return new NumberField(meta("number", name, false, false), false, null, null, false);
    }

    public static AutodateField created() {
        return new AutodateField(meta("autodate", "created", false, false), true, false);
    }

    public static AutodateField updated() {
        return new AutodateField(meta("autodate", "updated", false, false), true, true);
    }

    public static RelationField relation(String name, String collectionId, boolean required, boolean cascade,
                                         int maxSelect) {
        return new RelationField(meta("relation", name, false, false), required, collectionId, cascade, 0, maxSelect);
    }

    public static CollectionRules rules(String list, String view, String create, String update, String delete) {
        return new CollectionRules(AccessRule.of(list), AccessRule.of(view), AccessRule.of(create), AccessRule.of(update),
                AccessRule.of(delete));
    }

    public static CollectionRules open() {
        return rules("", "", "", "", "");
    }

    public static BaseCollection base(String name, CollectionRules rules, Field... fields) {
        List<Field> all = new ArrayList<>();
        all.add(idField());
        all.addAll(List.of(fields));
        return new BaseCollection(Ids.collectionId("base", name), name, false, all, rules, List.of(), "", "");
    }

    public static List<Field> authFields(Field... extra) {
        List<Field> all = new ArrayList<>(List.of(idField(),
                new PasswordField(meta("password", "password", true, true), true, 8, 0, "", 0),
                new TextField(meta("text", "tokenKey", true, true), true, 30, 60, "", "[a-zA-Z0-9]{50}", false),
                new EmailField(meta("email", "email", true, false), true, List.of(), List.of()),
                new BoolField(meta("bool", "emailVisibility", true, false), false),
                new BoolField(meta("bool", "verified", true, false), false)));
        all.addAll(List.of(extra));
        return all;
    }

    public static AuthOptions authOptions(String authRule, String manageRule) {
        return new AuthOptions(AccessRule.of(authRule), AccessRule.of(manageRule), new PasswordAuth(true, List.of("email")),
                new TokenConfig(SECRET, 3600), new TokenConfig("reset", 1800), new TokenConfig("change", 1800),
                new TokenConfig("verify", 86400), new TokenConfig("file", 180), Map.of());
    }

    public static AuthCollection auth(String name, CollectionRules rules, AuthOptions options, Field... extra) {
        String id = name.equals("_superusers") ? "pbc_3142635823" : Ids.collectionId("auth", name);
        return new AuthCollection(id, name, name.startsWith("_"), authFields(extra), rules, List.of(), "", "", options);
    }

    public static AuthCollection superusers() {
        return auth("_superusers", CollectionRules.locked(), authOptions("", null), created(), updated());
    }

    public static AuthCollection users() {
        return auth("users", rules("id = @request.auth.id", "id = @request.auth.id", "", "id = @request.auth.id",
                "id = @request.auth.id"), authOptions("", null), text("name", false), created(), updated());
    }

    /** An auth record with a stored (fake) password hash. */
    public static Record authRecord(AuthCollection c, String id, String email, String passwordHash) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("password", passwordHash);
        v.put("tokenKey", "tokenKey_" + id + "_tokenKey_tokenKey_tokenKey");
        v.put("email", email);
        v.put("emailVisibility", false);
        v.put("verified", true);
        return new Record(c, v);
    }

    public static Record record(dev.locket.domain.collection.Collection c, Object... keyValues) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            v.put(f.name(), f.zero());
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            v.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Record(c, v);
    }
}

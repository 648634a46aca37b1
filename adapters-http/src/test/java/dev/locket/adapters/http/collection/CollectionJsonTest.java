package dev.locket.adapters.http.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.collection.CollectionDraft.Defined;
import dev.locket.application.port.in.collection.CollectionDraft.FieldItem;
import dev.locket.application.port.in.collection.CollectionDraft.Part;
import dev.locket.application.port.in.collection.CollectionDraft.UnreadableField;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.field.Field;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST API's collection object and the drafts read from request bodies. */
class CollectionJsonTest {

    static Stream<Map<String, Object>> fixtureRows() {
        return FixtureCollections.rows().stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("fixtureRows")
    void everyFixtureCollectionSurvivesAnApiRoundTripExceptSecrets(Map<String, Object> row) {
        Collection stored = FixtureCollections.read(row);
        @SuppressWarnings("unchecked")
        Map<String, Object> reparsed = (Map<String, Object>) Json.parse(Json.write(CollectionJson.write(stored)));
        CollectionDraft back = CollectionJson.readDraft(reparsed);
        CollectionDraft expected = CollectionDraft.of(stored);

        assertEquals(stored.type(), back.type().orElseThrow());
        assertEquals(stored.id(), back.id().orElseThrow());
        assertEquals(expected.fieldItems(), back.fieldItems());
        assertEquals(expected.indexes(), back.indexes());
        assertEquals(expected.name(), back.name());
        for (Part part : Part.values()) {
            if (part.isRule() && part.appliesTo(stored.type())) {
                assertEquals(expected.rule(part), back.rule(part), part.key());
            }
        }
        if (stored instanceof AuthCollection a) {
            assertEquals(a.auth().authToken().duration(), back.token(Part.AUTH_TOKEN).orElseThrow().duration());
            assertEquals("", back.token(Part.AUTH_TOKEN).orElseThrow().secret());
            assertEquals(expected.passwordAuth(), back.passwordAuth());
            assertEquals(expected.section(Part.MFA), back.section(Part.MFA));
        }
        if (stored instanceof ViewCollection v) {
            assertEquals(v.viewQuery(), back.viewQuery().orElseThrow());
        }
    }

    @Test
    void optionsAreFlattenedAndSecretsHidden() {
        Map<String, Object> api = CollectionJson.write(FixtureCollections.collection("users"));
        assertEquals(List.of("id", "listRule", "viewRule", "createRule", "updateRule", "deleteRule", "name", "type",
                "fields", "indexes", "created", "updated", "system", "authRule", "manageRule", "authAlert", "oauth2",
                "passwordAuth", "mfa", "otp", "authToken", "passwordResetToken", "emailChangeToken",
                "verificationToken", "fileToken", "verificationTemplate", "resetPasswordTemplate",
                "confirmEmailChangeTemplate"), new ArrayList<>(api.keySet()));
        assertEquals(Map.of("duration", 1209600L), api.get("authToken"));
        String text = Json.write(api);
        assertFalse(text.contains("secret"), text);
        assertFalse(text.contains("clientSecret"));
        assertTrue(text.contains("\"clientId\":\"test1\""));
        assertFalse(api.containsKey("options"));
    }

    @Test
    void nullProvidersShowAsAnEmptyArray() {
        Map<String, Object> api = CollectionJson.write(FixtureCollections.collection("_superusers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth2 = (Map<String, Object>) api.get("oauth2");
        assertEquals(List.of(), oauth2.get("providers"));
    }

    @Test
    void aViewShowsItsQuery() {
        Map<String, Object> api = CollectionJson.write(FixtureCollections.collection("numeric_id_view"));
        assertEquals("view", api.get("type"));
        assertEquals("select (ROW_NUMBER() OVER()) as id, email from clients", api.get("viewQuery"));
    }

    @Test
    void aBodyBecomesADraftOfTheKeysItHas() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "members");
        body.put("type", "auth");
        body.put("otp", Map.of("enabled", true));
        body.put("authToken", Map.of("duration", 100));
        body.put("manageRule", "id != ''");
        body.put("listRule", null);
        body.put("unknownKey", 1);

        CollectionDraft d = CollectionJson.readDraft(body);

        assertEquals(CollectionType.AUTH, d.type().orElseThrow());
        assertEquals("members", d.name().orElseThrow());
        assertEquals(100, d.token(Part.AUTH_TOKEN).orElseThrow().duration());
        assertEquals("", d.token(Part.AUTH_TOKEN).orElseThrow().secret());
        assertEquals(AccessRule.of("id != ''"), d.rule(Part.MANAGE_RULE).orElseThrow());
        assertEquals(AccessRule.LOCKED, d.rule(Part.LIST_RULE).orElseThrow());
        assertFalse(d.has(Part.VIEW_RULE));
        assertFalse(d.has(Part.FIELDS));
        @SuppressWarnings("unchecked")
        Map<String, Object> otp = (Map<String, Object>) d.section(Part.OTP).orElseThrow();
        assertEquals(true, otp.get("enabled"));
        assertEquals(180L, otp.get("duration"), "missing keys take the defaults");
    }

    @Test
    void unreadableValuesAreRecordedNotThrown() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", 5);
        body.put("type", "graph");
        body.put("listRule", 1);
        body.put("indexes", List.of("create index a on x (y)", 2));
        body.put("fields", List.of(Map.of("name", "a", "type", "text", "id", 7),
                Map.of("name", "b", "type", "text", "max", "ten")));

        CollectionDraft d = CollectionJson.readDraft(body);

        assertTrue(d.id().isEmpty(), "an id that is not text reads as missing");
        assertEquals("graph", d.unrecognisedType().orElseThrow());
        assertEquals(List.of("listRule"), d.unreadable(Part.LIST_RULE).orElseThrow().path());
        assertEquals(List.of("create index a on x (y)"), d.readableIndexes());
        List<FieldItem> items = d.fieldItems().orElseThrow();
        Field a = assertInstanceOf(Defined.class, items.get(0)).field();
        assertEquals("", a.id());
        UnreadableField b = assertInstanceOf(UnreadableField.class, items.get(1));
        assertEquals("max", b.key());
        assertEquals("b", b.name());
        assertEquals("validation_invalid_value", b.error().code());
    }

    @Test
    void aFieldListThatIsNoListOfObjectsIsUnreadableAsAWhole() {
        for (Object fields : List.of("nope", List.of(1), List.of(Map.of("name", "a"), "b"))) {
            CollectionDraft d = CollectionJson.readDraft(Map.of("fields", fields));
            assertEquals("validation_unsupported_value_type", d.unreadable(Part.FIELDS).orElseThrow().error().code());
        }
        Map<String, Object> nullFields = new LinkedHashMap<>();
        nullFields.put("fields", null);
        assertEquals(List.of(), CollectionJson.readDraft(nullFields).fieldItems().orElseThrow());
        assertEquals("", CollectionJson.readDraft(Map.of("type", 1)).unrecognisedType().orElseThrow());
    }
}

package dev.locket.application.port.in.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.collection.CollectionDraft.Defined;
import dev.locket.application.port.in.collection.CollectionDraft.Part;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionDraftTest {
    private static final TextField TITLE = new TextField(FieldMeta.named("title"), true, 0, 200, "", "", false);

    @Test
    void aBuilderCallReturnsANewDraftAndLeavesTheOldOneAlone() {
        CollectionDraft posts = CollectionDraft.base("posts");
        CollectionDraft withTitle = posts.field(TITLE).listRule("");

        assertFalse(posts.has(Part.FIELDS));
        assertFalse(posts.has(Part.LIST_RULE));
        assertEquals(List.of(new Defined(TITLE)), withTitle.fieldItems().orElseThrow());
        assertEquals(AccessRule.PUBLIC, withTitle.rule(Part.LIST_RULE).orElseThrow());
        assertEquals(CollectionType.BASE, withTitle.type().orElseThrow());
        assertNotEquals(posts, withTitle);
        assertEquals(withTitle, CollectionDraft.base("posts").field(TITLE).listRule(""));
    }

    @Test
    void fieldsAndIndexesAppendInOrder() {
        BoolField published = new BoolField(FieldMeta.named("published"), false);
        CollectionDraft d = CollectionDraft.changes().field(TITLE).field(published)
                .index("CREATE INDEX a ON posts (title)").index("CREATE INDEX b ON posts (published)");

        assertEquals(List.of(new Defined(TITLE), new Defined(published)), d.fieldItems().orElseThrow());
        assertEquals(List.of("CREATE INDEX a ON posts (title)", "CREATE INDEX b ON posts (published)"),
                d.indexes().orElseThrow());
        assertEquals(List.of(new Defined(TITLE)), d.fields(TITLE).fieldItems().orElseThrow(), "fields(...) replaces");
    }

    @Test
    void rulesTakeTheThreeApiForms() {
        CollectionDraft d = CollectionDraft.changes().listRule(null).viewRule("").createRule("id != ''");
        assertEquals(AccessRule.LOCKED, d.rule(Part.LIST_RULE).orElseThrow());
        assertEquals(AccessRule.PUBLIC, d.rule(Part.VIEW_RULE).orElseThrow());
        assertEquals(AccessRule.of("id != ''"), d.rule(Part.CREATE_RULE).orElseThrow());
        assertTrue(d.rule(Part.DELETE_RULE).isEmpty());
    }

    @Test
    void authSectionsAreCompletedWithTheDefaultsAndPartsAreChecked() {
        CollectionDraft d = CollectionDraft.auth("members").section(Part.OTP, JsonObject.of(Map.of("enabled", true)))
                .token(Part.FILE_TOKEN, new TokenConfig("", 60));
        @SuppressWarnings("unchecked")
        Map<String, Object> otp = (Map<String, Object>) d.section(Part.OTP).orElseThrow();
        assertEquals(true, otp.get("enabled"));
        assertEquals(8L, otp.get("length"));
        assertEquals(60, d.token(Part.FILE_TOKEN).orElseThrow().duration());

        assertThrows(IllegalArgumentException.class, () -> d.token(Part.NAME, new TokenConfig("", 1)));
        assertThrows(IllegalArgumentException.class, () -> d.section(Part.AUTH_TOKEN, JsonObject.empty()));
        assertThrows(IllegalArgumentException.class, () -> d.section(Part.OAUTH2, JsonObject.of(Map.of("providers", "x"))));
        assertThrows(NullPointerException.class, () -> d.name(null));
    }

    @Test
    void aDraftOfACollectionSetsEveryPartItHas() {
        AuthCollection users = (AuthCollection) FixtureCollections.collection("users");
        CollectionDraft d = CollectionDraft.of(users);

        for (Part part : Part.values()) {
            assertEquals(part.appliesTo(CollectionType.AUTH), d.has(part), part.key());
        }
        assertEquals(users.auth().authToken(), d.token(Part.AUTH_TOKEN).orElseThrow());
        assertEquals(users.id(), d.id().orElseThrow());
        CollectionDraft renamed = d.overlay(CollectionDraft.changes().name("members"));
        assertEquals("members", renamed.name().orElseThrow());
        assertEquals(d.fieldItems(), renamed.fieldItems());
    }
}

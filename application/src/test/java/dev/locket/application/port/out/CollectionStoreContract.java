package dev.locket.application.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.filter.AccessRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CollectionStore} must do, run against the in-memory fake the application tests use
 * ({@code InMemoryCollectionStoreTest}) and against SQLite ({@code SqliteCollectionStoreIT}), so the fake
 * cannot drift from the real store. An implementation starts as a new data directory does: with the
 * system collections only.
 */
public abstract class CollectionStoreContract {
    private static final String NOW = "2026-01-02 03:04:05.678Z";

    /** The store under test, holding the system collections of a new data directory. */
    protected abstract CollectionStore store();

    /** The transactions the store joins. */
    protected abstract Transactions transactions();

    @Test
    void startsWithTheSystemCollectionsInCreationOrder() {
        List<String> expected = SystemCollections.all(NOW, new SplittableRandom(1)).stream().map(Collection::id)
                .toList();
        assertEquals(expected, ids(store().all()));
    }

    @Test
    void aCreatedCollectionComesBackEqualAndLast() {
        Collection posts = posts();
        store().create(posts);

        assertEquals(posts, store().find(posts.id()).orElseThrow());
        assertEquals(posts, store().all().getLast());
    }

    @Test
    void idsMatchExactlyAndNamesCaseInsensitivelyIdsFirst() {
        Collection posts = posts();
        store().create(posts);
        Collection namedLikeAnId = base("pbc_0000000002", posts.id(), List.of(idField()));
        store().create(namedLikeAnId);

        assertEquals(posts.id(), store().find("POSTS").orElseThrow().id());
        assertEquals(posts.id(), store().find(posts.id()).orElseThrow().id(), "an id wins over a name");
        assertEquals(namedLikeAnId.id(), store().find(posts.id().toUpperCase()).orElseThrow().id(),
                "ids are matched exactly, names case-insensitively");
        assertTrue(store().find("missing").isEmpty());
        assertTrue(store().find("").isEmpty());
    }

    @Test
    void anUpdateReplacesTheDefinitionInPlace() {
        Collection posts = posts();
        store().create(posts);
        List<Field> fields = new ArrayList<>(posts.fields());
        fields.add(new NumberField(meta("number_views", "views"), false, 0.0, null, true));
        Collection articles = new BaseCollection(posts.id(), "articles", false, fields, rules(""), posts.indexes(),
                NOW, "2026-01-03 00:00:00.000Z");
        int position = ids(store().all()).indexOf(posts.id());

        store().update(posts, articles);

        assertEquals(articles, store().find("articles").orElseThrow());
        assertTrue(store().find("posts").isEmpty());
        assertEquals(position, ids(store().all()).indexOf(posts.id()));
    }

    @Test
    void aDeletedCollectionIsGone() {
        Collection posts = posts();
        store().create(posts);
        int before = store().all().size();

        store().delete(posts);

        assertTrue(store().find(posts.id()).isEmpty());
        assertEquals(before - 1, store().all().size());
    }

    @Test
    void authAndViewDefinitionsComeBackEqual() {
        Collection posts = posts();
        store().create(posts);
        Map<String, Object> extra = new LinkedHashMap<>(SystemCollections.defaultAuthOptions(null).extra());
        extra.put("mfa", Map.of("enabled", true, "duration", 900L, "rule", ""));
        AuthOptions options = new AuthOptions(AccessRule.of("verified = true"), AccessRule.LOCKED,
                new PasswordAuth(true, List.of("email")), new TokenConfig("a".repeat(50), 3600),
                new TokenConfig("b".repeat(50), 1800), new TokenConfig("c".repeat(50), 1800),
                new TokenConfig("d".repeat(50), 86400), new TokenConfig("e".repeat(50), 180), extra);
        AuthCollection members = new AuthCollection("pbc_0000000003", "members", false,
                SystemCollections.authDefaultFields(), rules("id = @request.auth.id"),
                SystemCollections.authIndexes("pbc_0000000003", "members"), NOW, NOW, options);
        ViewCollection titles = new ViewCollection("pbc_0000000004", "titles", false, List.of(idField(),
                new TextField(meta("text_title", "title"), false, 0, 0, "", "", false)), rules(""), List.of(), NOW,
                NOW, "select id, title from posts");

        store().create(members);
        store().create(titles);

        assertEquals(members, store().find("members").orElseThrow());
        assertEquals(titles, store().find("titles").orElseThrow());
    }

    @Test
    void changesInARolledBackTransactionLeaveNoTrace() {
        List<Collection> before = store().all();
        Collection posts = posts();

        assertThrows(IllegalStateException.class, () -> transactions().inTransaction(() -> {
            store().create(posts);
            assertEquals(posts, store().find("posts").orElseThrow(), "visible inside the transaction");
            throw new IllegalStateException("roll back");
        }));

        assertTrue(store().find("posts").isEmpty());
        assertEquals(ids(before), ids(store().all()));
    }

    @Test
    void aQueryThatCannotBackAViewIsABadRequest() {
        assertThrows(BadRequest.class, () -> store().viewColumns("select nope from nowhere"));
    }

    // ---------------------------------------------------------------- fixtures

    private static Collection posts() {
        List<Field> fields = List.of(idField(),
                new TextField(meta("text_title", "title"), true, 0, 200, "", "", false),
                new SelectField(meta("select_tags", "tags"), false, List.of("a", "b"), 2),
                new RelationField(meta("relation_author", "author"), false, "_pb_users_auth_", false, 0, 1),
                new AutodateField(meta("autodate_created", "created"), true, false));
        return new BaseCollection("pbc_0000000001", "posts", false, fields, rules(""),
                List.of("CREATE INDEX `idx_posts_title` ON `posts` (`title`)"), NOW, NOW);
    }

    private static BaseCollection base(String id, String name, List<Field> fields) {
        return new BaseCollection(id, name, false, fields, CollectionRules.locked(), List.of(), NOW, NOW);
    }

    private static CollectionRules rules(String rule) {
        AccessRule r = AccessRule.of(rule);
        return new CollectionRules(r, r, r, r, r);
    }

    private static TextField idField() {
        return SystemCollections.idField();
    }

    private static FieldMeta meta(String id, String name) {
        return new FieldMeta(id, name, false, false, false, "");
    }

    private static List<String> ids(List<Collection> collections) {
        return collections.stream().map(Collection::id).toList();
    }
}

package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexSqlTest {

    @Test
    void rebuildsOnTheCollectionTableKeepingColumnsAndWhere() {
        // PocketBase's own system index still names the table of an older release.
        IndexSql ix = IndexSql.parse("CREATE UNIQUE INDEX `idx_authOrigins_unique_pairs` ON `authDevices`"
                + " (collectionRef, recordRef, fingerprint)").orElseThrow();
        assertTrue(ix.unique());
        assertEquals("idx_authOrigins_unique_pairs", ix.name());
        assertEquals(List.of("collectionRef", "recordRef", "fingerprint"), ix.columns());
        assertEquals("CREATE UNIQUE INDEX `idx_authOrigins_unique_pairs` ON `_authOrigins`"
                + " (collectionRef, recordRef, fingerprint)", ix.build("_authOrigins"));

        IndexSql partial = IndexSql.parse("CREATE UNIQUE INDEX `__pb_users_auth__email_idx` ON `users` (email)"
                + " WHERE email != ''").orElseThrow();
        assertEquals("email != ''", partial.where());
        assertEquals("CREATE UNIQUE INDEX `__pb_users_auth__email_idx` ON `members` (email) WHERE email != ''",
                partial.build("members"));
    }

    @Test
    void readsQuotingCollationOrderAndExpressions() {
        IndexSql ix = IndexSql.parse("create index if not exists \"idx_x\" on [posts] (\n  `title` COLLATE NOCASE DESC,"
                + " \"slug\", json_extract(data, '$.a,b'));").orElseThrow();
        assertFalse(ix.unique());
        assertEquals("posts", ix.table());
        assertEquals(List.of("title", "slug", "json_extract(data, '$.a,b')"), ix.columns());
    }

    @Test
    void rejectsWhatIsNotACreateIndex() {
        assertTrue(IndexSql.parse("DROP TABLE users").isEmpty());
        assertTrue(IndexSql.parse("CREATE INDEX idx ON t").isEmpty());
        assertTrue(IndexSql.parse("CREATE INDEX idx ON t (a) garbage").isEmpty());
    }
}

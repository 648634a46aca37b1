package dev.locket.application.service.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.application.fake.Fixtures;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CollectionListingTest {
    static final Collection POSTS = new BaseCollection("pbc_posts", "posts", false, List.of(),
            CollectionRules.locked(), List.of(), "2026-01-01 10:00:00.000Z", "2026-01-03 10:00:00.000Z");
    static final Collection QUOTES = new BaseCollection("pbc_quotes", "it's", false, List.of(),
            CollectionRules.locked(), List.of(), "2026-01-02 10:00:00.000Z", "2026-01-02 10:00:00.000Z");
    static final AuthCollection SUPERUSERS = Fixtures.superusers();
    static final RequestInfo ROOT = RequestInfo.superuser(
            Fixtures.authRecord(SUPERUSERS, "root00000000000", "r@x.io", "h"));

    final CollectionListing listing = new CollectionListing(
            Clock.fixed(Instant.parse("2026-01-05T00:00:00Z"), ZoneOffset.UTC));

    List<String> names(String filter, String sort) {
        return listing.select(List.of(POSTS, QUOTES, SUPERUSERS), filter, sort, ROOT).stream()
                .map(Collection::name).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "name = 'posts'#posts", "name != \"posts\" && system = false#it's", "name ~ 'OST'#posts",
        "name !~ 's' #''", "type = 'auth'#_superusers", "system = true#_superusers",
        "(name = 'x' || type = 'base') && id != 'pbc_quotes'#posts", "name = 'it\\'s'#it's",
        "created > '2026-01-01 12:00:00' && created < @now#it's", "''='' && id = 'pbc_posts'#posts"})
    void filtersOverTheListColumns(String filter, String expected) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), names(filter, ""));
    }

    @Test
    void sortsByColumnsInBothDirections() {
        assertEquals(List.of("posts", "it's", "_superusers"), names("", "-name"));
        assertEquals(List.of("_superusers", "it's", "posts"), names(null, "-system, +updated"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown = 1", "fields = ''", "name =", "name = 'open", "(name = 'x'", "name % 1",
        "name = 'x' &&", "@collection.posts.id = 'x'"})
    void filtersThatDoNotResolveAreTheGenericBadRequest(String filter) {
        BadRequest e = assertThrows(BadRequest.class, () -> names(filter, ""));
        assertEquals(BadRequest.GENERIC, e.getMessage());
        assertThrows(BadRequest.class, () -> listing.select(List.of(), filter, "", ROOT), "even with no rows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"listRule", "name,", "@random", "-name,title"})
    void sortsOutsideTheColumnsAreTheGenericBadRequest(String sort) {
        BadRequest e = assertThrows(BadRequest.class, () -> names("", sort));
        assertEquals(BadRequest.GENERIC, e.getMessage());
    }

    @Test
    void deepNestingIsABadRequestNotAStackOverflow() {
        assertEquals(List.of("posts"), names("(".repeat(50) + "name = 'posts'" + ")".repeat(50), ""));
        assertThrows(BadRequest.class, () -> names("(".repeat(10_000) + "name = 'posts'" + ")".repeat(10_000), ""));
        assertThrows(BadRequest.class, () -> names("(".repeat(10_000), ""));
    }
}

package dev.locket.domain.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void aRecordChangeReachesItsCollectionAndRecordTopicsByNameOrIdAndNothingElse() {
        String id = "pbc_123";
        String name = "posts";
        String record = "abc";
        assertEquals(Optional.of(Topic.Kind.LIST), Topic.parse("posts/*").kindFor(id, name, record));
        assertEquals(Optional.of(Topic.Kind.LIST), Topic.parse("pbc_123/*").kindFor(id, name, record));
        assertEquals(Optional.of(Topic.Kind.LIST), Topic.parse("posts").kindFor(id, name, record));
        assertEquals(Optional.of(Topic.Kind.LIST), Topic.parse("posts/*?options={}").kindFor(id, name, record));
        assertEquals(Optional.of(Topic.Kind.RECORD), Topic.parse("posts/abc").kindFor(id, name, record));
        assertEquals(Optional.of(Topic.Kind.RECORD), Topic.parse("pbc_123/abc").kindFor(id, name, record));
        for (String other : new String[] {"posts/abd", "posts/abcd", "posts/ab", "post/*", "postsx/*", "posts*",
            "posts/*/abc", "postsabc", "Posts/*", "comments/abc", "/abc", "posts/"}) {
            assertEquals(Optional.empty(), Topic.parse(other).kindFor(id, name, record), other);
        }
    }

    @Test
    void theCollectionPartIsThePathBeforeItsFirstSlash() {
        assertEquals("posts", Topic.parse("posts/*?options={\"query\":{\"a\":\"b/c\"}}").collectionPart());
        assertEquals("posts", Topic.parse("posts").collectionPart());
        assertEquals("pbc_1", Topic.parse("pbc_1/rec").collectionPart());
        assertEquals("", Topic.parse("/x").collectionPart());
    }
}

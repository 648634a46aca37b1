package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void descriptionIs480CharactersWithTheSearchPhraseOnce() {
        String d = Workload.DESCRIPTION;
        assertEquals(480, d.length());
        assertEquals(d.indexOf("ipsum dolor"), d.lastIndexOf("ipsum dolor"));
        assertTrue(d.contains("ipsum dolor"));
    }

    @Test
    void userPayloadFollowsSection33() {
        Map<String, Object> u = Workload.user(7, new SplittableRandom(1), List.of("o1"), List.of("p1", "p2"));
        assertEquals("users7@example.com", u.get("email"));
        assertEquals("users7", u.get("username"));
        assertEquals(u.get("password"), u.get("passwordConfirm"));
        assertEquals("o1", u.get("organization"));
        assertEquals(3, ((List<?>) u.get("permissions")).size());
        assertTrue(u.containsKey("name"), "carries the unknown key the server must ignore");
    }

    @Test
    void postsAreRepeatableForASeed() {
        List<String> users = List.of("u1", "u2", "u3");
        assertEquals(Workload.post("posts10k", 3, new SplittableRandom(42), users),
                Workload.post("posts10k", 3, new SplittableRandom(42), users));
        Map<String, Object> p = Workload.post("posts10k", 3, new SplittableRandom(42), users);
        assertEquals("posts10k3", p.get("title"));
        assertEquals(false, p.get("public"));
    }

    @Test
    void usersPatchKeepsSystemFieldsAndAddsIdentityIndex() {
        Map<String, Object> current = Map.of(
                "fields", List.of(Map.of("id", "f1", "name", "email", "type", "email"),
                        Map.of("id", "f2", "name", "avatar", "type", "file")),
                "indexes", List.of("CREATE UNIQUE INDEX `idx_email` ON `users` (`email`) WHERE `email` != ''"));
        Map<String, Object> patch = Workload.usersPatch(current, "orgs", "perms");
        List<?> names = ((List<?>) patch.get("fields")).stream().map(f -> ((Map<?, ?>) f).get("name")).toList();
        assertEquals(List.of("email", "username", "organization", "permissions", "created", "updated"), names);
        assertEquals(2, ((List<?>) patch.get("indexes")).size());
    }
}

package dev.locket.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Schema and generated data of WORKLOAD §3, as PocketBase API JSON (maps keep key order). */
public final class Workload {

    public static final String SUPERUSER_EMAIL = "test@example.com";
    public static final String PASSWORD = "1234567890";
    public static final List<String> POSTS = List.of("posts10k", "posts25k", "posts50k", "posts100k");
    /** Upstream's auth token lifetime during benchmark runs (WORKLOAD §2): 14 days. */
    public static final int TOKEN_SECONDS = 14 * 24 * 3600;

    /**
     * The fixed rich-text description of every post: 480 characters containing "ipsum dolor"
     * exactly once, so the contains-search scenarios match every row. Own filler words, built
     * deterministically.
     */
    public static final String DESCRIPTION = buildDescription();

    private Workload() {
    }

    private static String buildDescription() {
        String[] words = {"velit", "mare", "saxum", "nubes", "ventus", "ignis", "terra", "lumen", "silva",
                "fluvius", "porta", "via", "aqua", "folium", "caelum", "hortus", "nox", "dies"};
        StringBuilder sb = new StringBuilder("<p>Lorem ipsum dolor sit, ");
        int i = 0;
        while (sb.length() < 480) {
            sb.append(words[i % words.length]);
            sb.append(i % 7 == 6 ? ". " : " ");
            i++;
        }
        sb.setLength(475);
        // Trim a trailing space so the closing tag ends the text cleanly.
        while (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
            sb.append('x');
        }
        sb.append(".</p>");
        return sb.toString();
    }

    /** A 15-character id from [a-z0-9], the shape PocketBase generates. */
    public static String randomId(SplittableRandom random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        char[] id = new char[15];
        for (int i = 0; i < id.length; i++) {
            id[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(id);
    }

    // ---- schema -------------------------------------------------------------------------

    static Map<String, Object> field(String name, String type, Object... options) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("type", type);
        for (int i = 0; i + 1 < options.length; i += 2) {
            f.put((String) options[i], options[i + 1]);
        }
        return f;
    }

    /** Collections created through the API only get created/updated when they are listed. */
    static List<Map<String, Object>> autodates() {
        return List.of(field("created", "autodate", "onCreate", true, "onUpdate", false),
                field("updated", "autodate", "onCreate", true, "onUpdate", true));
    }

    static Map<String, Object> baseCollection(String name, String listRule, List<Map<String, Object>> fields) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("type", "base");
        List<Map<String, Object>> all = new ArrayList<>(fields);
        all.addAll(autodates());
        c.put("fields", all);
        c.put("indexes", List.of());
        c.put("listRule", listRule);
        c.put("viewRule", "");
        c.put("createRule", "");
        c.put("updateRule", "");
        c.put("deleteRule", "");
        return c;
    }

    public static Map<String, Object> organizations() {
        return baseCollection("organizations", "@request.auth.id != ''", List.of(field("name", "text")));
    }

    public static Map<String, Object> permissions() {
        return baseCollection("permissions", "@request.auth.id != ''",
                List.of(field("name", "text"), field("active", "bool")));
    }

    public static Map<String, Object> posts(String name, String usersId) {
        return baseCollection(name, "", List.of(
                field("title", "text"),
                field("description", "editor"),
                field("public", "bool"),
                field("type", "select", "maxSelect", 3, "values", List.of("a", "b", "c", "d")),
                field("author", "relation", "collectionId", usersId, "maxSelect", 1, "cascadeDelete", true)));
    }

    /**
     * The PATCH body turning the default users collection into the benchmark's: the system auth
     * fields are kept (by id), name/avatar dropped, username and the two relations added; email
     * and username become password identities; MFA, OTP, OAuth2 and login alerts off.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> usersPatch(Map<String, Object> current, String organizationsId,
                                                 String permissionsId) {
        List<String> keep = List.of("id", "password", "tokenKey", "email", "emailVisibility", "verified",
                "created", "updated");
        List<Map<String, Object>> fields = new ArrayList<>();
        boolean hasCreated = false;
        boolean hasUpdated = false;
        for (Object o : (List<Object>) current.getOrDefault("fields", List.of())) {
            Map<String, Object> f = (Map<String, Object>) o;
            String name = String.valueOf(f.get("name"));
            if (keep.contains(name)) {
                fields.add(f);
                hasCreated |= name.equals("created");
                hasUpdated |= name.equals("updated");
            }
        }
        fields.add(field("username", "text", "required", true, "min", 3, "max", 150,
                "pattern", "^[\\w][\\w\\.\\-]*$", "autogeneratePattern", "users[0-9]{6}"));
        fields.add(field("organization", "relation", "collectionId", organizationsId, "maxSelect", 1,
                "required", true, "cascadeDelete", true));
        fields.add(field("permissions", "relation", "collectionId", permissionsId, "maxSelect", 999,
                "cascadeDelete", true));
        if (!hasCreated) {
            fields.add(autodates().get(0));
        }
        if (!hasUpdated) {
            fields.add(autodates().get(1));
        }
        List<Object> indexes = new ArrayList<>((List<Object>) current.getOrDefault("indexes", List.of()));
        indexes.add("CREATE UNIQUE INDEX `idx_username_users` ON `users` (`username` COLLATE NOCASE)");

        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("fields", fields);
        patch.put("indexes", indexes);
        patch.put("listRule", "@request.auth.id != ''");
        patch.put("viewRule", "");
        patch.put("createRule", "");
        patch.put("updateRule", "");
        patch.put("deleteRule", "");
        patch.putAll(authOptions());
        patch.put("passwordAuth", Map.of("enabled", true, "identityFields", List.of("email", "username")));
        return patch;
    }

    /** The auth options WORKLOAD §2 prescribes for both auth collections. */
    public static Map<String, Object> authOptions() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("authToken", Map.of("duration", TOKEN_SECONDS));
        o.put("mfa", Map.of("enabled", false));
        o.put("otp", Map.of("enabled", false));
        o.put("oauth2", Map.of("enabled", false));
        o.put("authAlert", Map.of("enabled", false));
        return o;
    }

    // ---- generated records (WORKLOAD §3.3) ---------------------------------------------

    public static Map<String, Object> organization(int n) {
        return Map.of("name", "organizations" + n);
    }

    public static Map<String, Object> permission(int n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "permissions" + n);
        m.put("active", n % 2 == 0);
        return m;
    }

    public static Map<String, Object> user(int n, SplittableRandom random, List<String> organizationIds,
                                           List<String> permissionIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", "users" + n + "@example.com");
        m.put("username", "users" + n);
        m.put("password", PASSWORD);
        m.put("passwordConfirm", PASSWORD);
        m.put("name", "users" + n); // unknown key: the server must ignore it
        m.put("organization", pick(random, organizationIds));
        List<String> perms = new ArrayList<>();
        for (int i = 0; i < 3 && !permissionIds.isEmpty(); i++) {
            perms.add(pick(random, permissionIds));
        }
        m.put("permissions", perms);
        return m;
    }

    public static Map<String, Object> post(String collection, int n, SplittableRandom random, List<String> userIds) {
        String[] types = {"a", "b", "c", "d"};
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", collection + n);
        m.put("description", DESCRIPTION);
        m.put("public", n % 2 == 0);
        m.put("type", List.of(types[random.nextInt(4)], types[random.nextInt(4)]));
        m.put("author", pick(random, userIds));
        return m;
    }

    private static String pick(SplittableRandom random, List<String> ids) {
        return ids.isEmpty() ? "" : ids.get(random.nextInt(ids.size()));
    }
}

package dev.locket.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The scenario sequence of WORKLOAD §5 against a running server, with the untimed setup of §4
 * between scenarios. Phases run in upstream's order: create, auth, search, custom, delete.
 */
public final class BenchRun {

    /** One list scenario of WORKLOAD §5.3 (L1–L28). */
    record ListCase(String id, String name, String listRule, String query, String indexColumn, int reqs, int conc) {
    }

    static final List<ListCase> LIST_CASES = List.of(
            new ListCase("L1", "simpleA", "", "?perPage=20", null, 1000, 1),
            new ListCase("L2", "simpleB", "", "?perPage=20", null, 1000, 1000),
            new ListCase("L3", "simpleC", "", "?perPage=20&skipTotal=1", null, 1000, 1000),
            new ListCase("L4", "mixed read/write", "", "?perPage=20", null, 1000, 1000),
            new ListCase("L5", "expand author", "", "?perPage=20&expand=author", null, 100, 10),
            new ListCase("L6", "expand author, limited fields", "",
                    "?perPage=20&expand=author&fields=id,collectionId,expand.author.id", null, 100, 10),
            new ListCase("L7", "expand author.permissions", "", "?perPage=20&expand=author.permissions", null, 100, 10),
            new ListCase("L8", "expand author.permissions, limited fields", "",
                    "?perPage=20&expand=author.permissions&fields=id,collectionId,expand.author.id,"
                            + "expand.author.expand.permissions.id", null, 100, 10),
            new ListCase("L9", "simple auth rule", "@request.auth.id != ''", "?perPage=20", null, 100, 10),
            new ListCase("L10", "author check, no index", "author = @request.auth.id", "?perPage=20", null, 100, 10),
            new ListCase("L11", "author check, with index", "author = @request.auth.id", "?perPage=20", "author", 100,
                    10),
            new ListCase("L12", "author check, index + skipTotal", "author = @request.auth.id",
                    "?perPage=20&skipTotal=1", "author", 100, 10),
            new ListCase("L13", "author.id, no index", "author.id = @request.auth.id", "?perPage=20", null, 100, 10),
            new ListCase("L14", "author.id, with index", "author.id = @request.auth.id", "?perPage=20", "author", 100,
                    10),
            new ListCase("L15", "author.id, index + skipTotal", "author.id = @request.auth.id",
                    "?perPage=20&skipTotal=1", "author", 100, 10),
            new ListCase("L16", "loose text search, no index", "description ~ 'ipsum dolor'", "?perPage=20", null,
                    100, 10),
            new ListCase("L17", "loose text search, with index", "description ~ 'ipsum dolor'", "?perPage=20",
                    "description", 100, 10),
            new ListCase("L18", "loose text search, index + skipTotal", "description ~ 'ipsum dolor'",
                    "?perPage=20&skipTotal=1", "description", 100, 10),
            new ListCase("L19", ":each match-all", "type:each != 'c'", "?perPage=20", null, 100, 10),
            new ListCase("L20", ":each match-all, skipTotal", "type:each != 'c'", "?perPage=20&skipTotal=1", null,
                    100, 10),
            new ListCase("L21", ":each at-least-one", "type:each ?!= 'c'", "?perPage=20", null, 100, 10),
            new ListCase("L22", ":each at-least-one, skipTotal", "type:each ?!= 'c'", "?perPage=20&skipTotal=1",
                    null, 100, 10),
            new ListCase("L23", "nested single relations", "author.organization.name != 'test'", "?perPage=20", null,
                    100, 10),
            new ListCase("L24", "nested single relations, skipTotal", "author.organization.name != 'test'",
                    "?perPage=20&skipTotal=1", null, 100, 10),
            new ListCase("L25", "nested multi rel, match-all", "author.permissions.active = true", "?perPage=20",
                    null, 100, 10),
            new ListCase("L26", "nested multi rel, match-all, skipTotal", "author.permissions.active = true",
                    "?perPage=20&skipTotal=1", null, 100, 10),
            new ListCase("L27", "nested multi rel, at-least-one", "author.permissions.active ?= true", "?perPage=20",
                    null, 100, 10),
            new ListCase("L28", "nested multi rel, at-least-one, skipTotal", "author.permissions.active ?= true",
                    "?perPage=20&skipTotal=1", null, 100, 10));

    /** What D9/D10 count as removed rows: the cascade graph of WORKLOAD §3.1 (empty collections count 0). */
    private static final List<String> COUNTED = List.of("organizations", "users", "posts10k", "posts25k",
            "posts50k", "posts100k");

    private final AdminApi api;
    private final LoadRunner runner;
    private final LoadRunner seedRunner;
    private final Report report;
    private final Options options;
    private final SplittableRandom data;
    private final Random picks;

    private String su;
    private String userToken;
    private String userId = "";
    private String tokenLabel = "";
    private String usersCollectionId = "_pb_users_auth_";
    private String organizationsId = "";
    private String permissionsId = "";
    private List<String> organizationIds = List.of();
    private List<String> permissionIds = List.of();
    private List<String> userIds = List.of();

    public BenchRun(AdminApi api, LoadRunner runner, Report report, Options options) {
        this.api = api;
        this.runner = runner;
        this.seedRunner = runner.withCap(Duration.ofMinutes(30));
        this.report = report;
        this.options = options;
        this.data = new SplittableRandom(options.seed());
        this.picks = new Random(options.seed());
    }

    /** Setup of WORKLOAD §4 then the profile's scenarios. */
    public void run() throws Exception {
        setup();
        report.header();
        if (options.profile() == Options.Profile.BASELINE) {
            baseline();
        } else {
            quick();
        }
    }

    // ---- setup --------------------------------------------------------------------------

    private void setup() throws Exception {
        su = api.authWithPassword("_superusers", Workload.SUPERUSER_EMAIL, Workload.PASSWORD);
        attempt("disable request logging (logs.maxDays = 0)",
                () -> api.call("PATCH", "/api/settings", su, Map.of("logs", Map.of("maxDays", 0))));
        Map<String, Object> suOptions = new LinkedHashMap<>(Workload.authOptions());
        suOptions.remove("oauth2"); // forced off for _superusers anyway
        attempt("_superusers: 14-day tokens, no MFA/OTP/login alerts",
                () -> api.patchCollection(su, "_superusers", suOptions));
        organizationsId = String.valueOf(api.call("POST", "/api/collections", su, Workload.organizations()).get("id"));
        permissionsId = String.valueOf(api.call("POST", "/api/collections", su, Workload.permissions()).get("id"));
        Map<String, Object> users = api.collection(su, "users");
        usersCollectionId = String.valueOf(users.getOrDefault("id", usersCollectionId));
        api.patchCollection(su, "users", Workload.usersPatch(users, organizationsId, permissionsId));
        for (String posts : Workload.POSTS) {
            api.call("POST", "/api/collections", su, Workload.posts(posts, usersCollectionId));
        }
    }

    private interface ApiCall {
        Object call() throws AdminApi.ApiException;
    }

    private boolean attempt(String what, ApiCall call) {
        try {
            call.call();
            return true;
        } catch (AdminApi.ApiException e) {
            report.note("could not " + what + ": " + e.getMessage());
            return false;
        }
    }

    // ---- profiles -----------------------------------------------------------------------

    private void baseline() throws Exception {
        createOrganizations("C1", "create organizations", 0, 50, 10, "create", "", "");
        createOrganizations("C2*", "seed organizations (C2 volume)", 50, 50, 10, "seed", "",
                "baseline: public rule instead of C2's body rule; not comparable");
        createPermissions("C3", "create permissions", 0, 25, 5, "create", "", "");
        createPermissions("C4*", "seed permissions (C4 volume)", 25, 25, 5, "seed", "",
                "baseline: public rule instead of C4's body rule; not comparable");
        loadRelationTargets();
        createUsers("C5*", "create users", 0, 50, 50, "create", "",
                "baseline: 50 of C5's 250 users (bcrypt cost 10)");
        userIds = api.randomIds(su, "users", 1000, picks).ids();
        createPosts("C7", "create posts10k", 0, 5000, 500, "create", "", null, "");
        createPosts("C8*", "seed posts10k (C8 volume)", 5000, 5000, 500, "seed", "", null,
                "baseline: public rule, no token instead of C8's; not comparable");
        obtainUserToken();
        noteSizes();
        timed(viewOwnUser("S1", "getOne, medium concurrency", 100));
        for (ListCase c : LIST_CASES.subList(0, 3)) {
            listScenario("search", c);
        }
        if (options.warm()) {
            timed(viewOwnUser("S1", "getOne, medium concurrency", 100), "search-warm");
            for (ListCase c : LIST_CASES.subList(0, 3)) {
                listScenario("search-warm", c);
            }
        }
        if (options.largeList()) {
            largeList();
        }
    }

    /**
     * WORKLOAD §7 large-list add-on: posts100k seeded with 100 000 rows (untimed for the
     * comparison, through ordinary creates since there is no bulk path), then L1–L3 on it —
     * the scenarios with upstream req/s anchors.
     */
    private void largeList() throws Exception {
        int rows = 100_000;
        String path = "/api/collections/posts100k/records";
        Scenario seed = Scenario.of("seed", "LL", "seed posts100k (large-list add-on)", "posts100k", "", "", rows,
                500, i -> new Request("POST", path, null, api.bytes(Workload.post("posts100k", i, data, userIds))))
                .withNote("untimed for the comparison; bodies built inside the loop");
        pause();
        report.add(seedRunner.run(seed), null);
        report.note("posts100k holds " + api.count(su, "posts100k") + " records");
        for (ListCase c : LIST_CASES.subList(0, 3)) {
            listScenario("large", c, "posts100k");
        }
    }

    private void quick() throws Exception {
        // create
        createOrganizations("C1", "create organizations", 0, 50, 10, "create", "", "");
        createOrganizations("C2", "create organizations", 50, 50, 10, "create", "@request.body.name != ''", "");
        createPermissions("C3", "create permissions", 0, 25, 5, "create", "", "");
        createPermissions("C4", "create permissions", 25, 25, 5, "create", "@request.body.name != ''", "");
        loadRelationTargets();
        createUsers("C5", "create users", 0, 250, 50, "create", "", "");
        createUsers("C6", "create users", 250, 250, 50, "create",
                "@request.body.email != '' && @request.body.permissions:length > 0", "");
        userIds = api.randomIds(su, "users", 1000, picks).ids();
        obtainUserToken();
        createPosts("C7", "create posts10k", 0, 5000, 500, "create", "", null, "");
        createPosts("C8", "create posts10k", 5000, 5000, 500, "create",
                "@request.auth.id != '' && @request.body.public:isset = true", userToken, tokenLabel);

        noteSizes();

        // auth
        byte[] login = api.bytes(Map.of("identity", "users0@example.com", "password", Workload.PASSWORD));
        String authPath = "/api/collections/users/auth-with-password";
        timed(Scenario.of("auth", "A1", "auth-with-password, high conc", "users", "", "", 250, 250,
                i -> new Request("POST", authPath, null, login)));
        timed(Scenario.of("auth", "A2", "auth-with-password, small conc", "users", "", "", 250, 10,
                i -> new Request("POST", authPath, null, login)));
        String refreshPath = "/api/collections/users/auth-refresh";
        timed(Scenario.of("auth", "A3", "auth refresh, high conc", "users", "", "", 1000, 1000,
                i -> new Request("POST", refreshPath, userToken, null)).withNote(tokenLabel));
        timed(Scenario.of("auth", "A4", "auth refresh, medium conc", "users", "", "", 1000, 100,
                i -> new Request("POST", refreshPath, userToken, null)).withNote(tokenLabel));

        // search
        search("search");
        if (options.warm()) {
            search("search-warm");
        }

        if (options.largeList()) {
            largeList();
        }

        // custom
        String route = options.routePath();
        for (int[] rc : new int[][] {{2, 500}, {4, 50}, {6, 1}}) {
            timed(Scenario.of("custom", "R" + rc[0], "Java route (vs Go R" + rc[0] + ")", "posts10k", "", route, 500,
                    rc[1], i -> Request.get(route, su)));
        }
        hookScenario();

        // delete
        deleteScenario("D1", "posts10k", "", 100, false);
        deleteScenario("D2", "posts10k", "@request.auth.id != ''", 100, false);
        deleteScenario("D9", "users", "", 100, true);
        deleteScenario("D10", "organizations", "", 100, true);
    }

    private void search(String phase) throws Exception {
        timed(viewOwnUser("S1", "getOne, medium concurrency", 100), phase);
        timed(viewOwnUser("S2", "getOne, high concurrency", 1000), phase);
        for (ListCase c : LIST_CASES) {
            listScenario(phase, c);
        }
    }

    // ---- scenario builders ------------------------------------------------------------

    /** The request bodies of items {@code from .. from + n - 1}, made in order so random draws stay reproducible. */
    private List<byte[]> bodies(int from, int n, IntFunction<Object> item) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            bodies.add(api.bytes(item.apply(i)));
        }
        return bodies;
    }

    private void createOrganizations(String id, String name, int from, int n, int conc, String phase, String rule,
                                     String note) throws Exception {
        List<byte[]> bodies = bodies(from, n, Workload::organization);
        createScenario(phase, id, name, "organizations", rule, bodies, conc, null, note);
    }

    private void createPermissions(String id, String name, int from, int n, int conc, String phase, String rule,
                                   String note) throws Exception {
        List<byte[]> bodies = bodies(from, n, Workload::permission);
        createScenario(phase, id, name, "permissions", rule, bodies, conc, null, note);
    }

    private void createUsers(String id, String name, int from, int n, int conc, String phase, String rule,
                             String note) throws Exception {
        List<byte[]> bodies = bodies(from, n, i -> Workload.user(i, data, organizationIds, permissionIds));
        createScenario(phase, id, name, "users", rule, bodies, conc, null, note);
    }

    private void createPosts(String id, String name, int from, int n, int conc, String phase, String rule,
                             String token, String note) throws Exception {
        List<byte[]> bodies = bodies(from, n, i -> Workload.post("posts10k", i, data, userIds));
        createScenario(phase, id, name, "posts10k", rule, bodies, conc, token, note);
    }

    private void createScenario(String phase, String id, String name, String collection, String rule,
                                List<byte[]> bodies, int conc, String token, String note) throws Exception {
        String path = "/api/collections/" + collection + "/records";
        Scenario s = Scenario.of(phase, id, name, collection, rule, "", bodies.size(), conc,
                i -> new Request("POST", path, token, bodies.get(i))).withNote(note);
        withRule(collection, "createRule", rule, s);
    }

    private Scenario viewOwnUser(String id, String name, int conc) {
        String path = "/api/collections/users/records/" + userId;
        return Scenario.of("search", id, name, "users", "", "", 1000, conc, i -> Request.get(path, userToken))
                .withNote(tokenLabel);
    }

    private void listScenario(String phase, ListCase c) throws Exception {
        listScenario(phase, c, "posts10k");
    }

    private void listScenario(String phase, ListCase c, String collection) throws Exception {
        String path = "/api/collections/" + collection + "/records" + c.query();
        Scenario s = new Scenario(phase, c.id(), c.name(), collection, c.listRule(), c.query(), c.reqs(), c.conc(),
                i -> Request.get(path, userToken), List.of(), tokenLabel);
        if (c.id().equals("L4")) {
            List<Request> updates = new ArrayList<>();
            for (String rid : api.randomIds(su, collection, 300, picks).ids()) {
                updates.add(new Request("PATCH", "/api/collections/" + collection + "/records/" + rid, userToken,
                        api.bytes(Map.of("title", "update" + rid))));
            }
            s = s.withBackground(updates).withNote(updates.size() + " PATCHes fired at once, untimed");
        }
        Map<String, Object> apply = new LinkedHashMap<>();
        apply.put("listRule", c.listRule());
        apply.put("indexes", c.indexColumn() == null ? List.of()
                : List.of("CREATE INDEX `idx_" + c.indexColumn() + "_" + collection + "` ON `" + collection + "` (`"
                + c.indexColumn() + "`)"));
        Map<String, Object> restore = new LinkedHashMap<>();
        restore.put("listRule", "");
        restore.put("indexes", List.of());
        withPatch(collection, apply, restore, s, null);
    }

    private void hookScenario() throws Exception {
        String temp = "java";
        List<String> ids = api.randomIds(su, "posts10k", 100, picks).ids();
        boolean renamed = attempt("rename posts10k to " + temp, () -> api.patchCollection(su, "posts10k",
                Map.of("name", temp)));
        byte[] body = api.bytes(Map.of("title", "hook_update"));
        Scenario s = Scenario.of("custom", "H2", "Java update hook (vs Go H2)", temp, "", "", ids.size(), 10,
                i -> new Request("PATCH", "/api/collections/" + temp + "/records/" + ids.get(i), su, body));
        if (!renamed) {
            s = s.withNote("SETUP FAILED: rename");
        }
        pause();
        ScenarioResult r = runner.run(s);
        if (!ids.isEmpty()) {
            try {
                Object title = api.call("GET", "/api/collections/" + temp + "/records/" + ids.get(0), su, null)
                        .get("title");
                r = r.withNote("java_update".equals(title) ? "hook active (title java_update)"
                        : "NOT COMPARABLE: hook not active (title " + title + ")");
            } catch (AdminApi.ApiException e) {
                r = r.withNote("hook check failed: " + e.getMessage());
            }
        }
        report.add(r, null);
        if (renamed) {
            attempt("rename " + temp + " back to posts10k", () -> api.patchCollection(su, temp,
                    Map.of("name", "posts10k")));
        }
    }

    private void deleteScenario(String id, String collection, String rule, int n, boolean cascade) throws Exception {
        List<String> ids = api.randomIds(su, collection, n, picks).ids();
        Scenario s = Scenario.of("delete", id, "delete" + (cascade ? " (cascade)" : ", no cascade"), collection, rule,
                "", ids.size(), 10,
                i -> new Request("DELETE", "/api/collections/" + collection + "/records/" + ids.get(i), userToken,
                        null)).withNote(tokenLabel);
        if (ids.size() < n) {
            s = s.withNote("only " + ids.size() + " records to delete");
        }
        withRule(collection, "deleteRule", rule, s, cascade);
    }

    // ---- plumbing -----------------------------------------------------------------------

    private void withRule(String collection, String key, String rule, Scenario s) throws Exception {
        withRule(collection, key, rule, s, false);
    }

    private void withRule(String collection, String key, String rule, Scenario s, boolean countRows)
            throws Exception {
        Map<String, Object> apply = new LinkedHashMap<>();
        apply.put(key, rule);
        Map<String, Object> restore = new LinkedHashMap<>();
        restore.put(key, "");
        withPatch(collection, apply, restore, s, countRows ? COUNTED : null);
    }

    /** Applies a collection change, runs the scenario, restores the base state (WORKLOAD §3.2). */
    private void withPatch(String collection, Map<String, Object> apply, Map<String, Object> restore, Scenario s,
                           List<String> countCollections) throws Exception {
        boolean changed = apply.values().stream().anyMatch(v -> !(v instanceof String str && str.isEmpty())
                && !(v instanceof List<?> l && l.isEmpty()));
        Scenario toRun = s;
        if (changed && !attempt("apply " + apply + " to " + collection,
                () -> api.patchCollection(su, collection, apply))) {
            toRun = s.withNote("SETUP FAILED: rule/index not applied");
        }
        long before = countCollections == null ? 0 : countRows(countCollections);
        pause();
        ScenarioResult r = runner.run(toRun);
        Long removed = countCollections == null ? null : before - countRows(countCollections);
        report.add(r, removed);
        if (changed) {
            attempt("restore " + collection, () -> api.patchCollection(su, collection, restore));
        }
    }

    /** The data set the read scenarios run on, as the server reports it. */
    private void noteSizes() {
        StringBuilder sb = new StringBuilder("data set:");
        for (String c : List.of("organizations", "permissions", "users", "posts10k")) {
            sb.append(' ').append(c).append('=').append(api.count(su, c));
        }
        report.note(sb.toString());
    }

    private long countRows(List<String> collections) {
        long total = 0;
        for (String c : collections) {
            total += Math.max(0, api.count(su, c));
        }
        return total;
    }

    private void timed(Scenario s) throws Exception {
        pause();
        report.add(runner.run(s), null);
    }

    private void timed(Scenario s, String phase) throws Exception {
        timed(new Scenario(phase, s.id(), s.name(), s.collection(), s.rule(), s.query(), s.reqs(), s.conc(),
                s.request(), s.background(), s.note()));
    }

    private void pause() throws InterruptedException {
        Thread.sleep(options.pause().toMillis());
    }

    @SuppressWarnings("unchecked")
    private void loadRelationTargets() throws AdminApi.ApiException {
        organizationIds = api.randomIds(su, "organizations", 1000, picks).ids();
        permissionIds = api.randomIds(su, "permissions", 1000, picks).ids();
    }

    /**
     * A user token as upstream uses it: a random user (list sorted by @random) logged in with the
     * password. If that fails, the superuser token stands in and every affected line says so.
     */
    @SuppressWarnings("unchecked")
    private void obtainUserToken() {
        try {
            AdminApi.RandomIds one = api.randomIds(su, "users", 1, picks);
            if (one.ids().isEmpty()) {
                throw new AdminApi.ApiException("pick a user", 0, "no users");
            }
            Map<String, Object> user = api.call("GET", "/api/collections/users/records/" + one.ids().get(0), su,
                    null);
            Map<String, Object> auth = api.authWithPasswordFull("users", String.valueOf(user.get("email")),
                    Workload.PASSWORD);
            userToken = String.valueOf(auth.get("token"));
            userId = String.valueOf(((Map<String, Object>) auth.get("record")).get("id"));
            tokenLabel = "";
        } catch (AdminApi.ApiException | RuntimeException e) {
            userToken = su;
            userId = userIds.isEmpty() ? "missing" : userIds.get(0);
            tokenLabel = "SUPERUSER token instead of a user token (user auth failed)";
            report.note("user token unavailable, using the superuser token: " + e.getMessage());
        }
    }
}

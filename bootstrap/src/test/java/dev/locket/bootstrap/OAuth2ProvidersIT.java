package dev.locket.bootstrap;

import static dev.locket.bootstrap.ApiCalls.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.Locket;
import dev.locket.bootstrap.ApiCalls.Reply;
import dev.locket.bootstrap.StubOAuth2Provider.Answer;
import dev.locket.bootstrap.StubOAuth2Provider.Seen;
import dev.locket.domain.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in OAuth2 provider of PocketBase v0.39 against a stub provider server: the collection's
 * providers point their token and user-info URLs at the stub (as a superuser may), each answers in the
 * provider's real response shape, and the login's {@code meta} must carry what upstream's provider maps
 * (id, name, username, verified email, avatar URL, raw user, tokens, expiry). The stub also shows what
 * Locket asked: provider-specific headers, GraphQL bodies, follow-up email lists, PKCE only where used.
 * Apple (whose signing keys URL is fixed) is covered by {@code AppleProviderIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2ProvidersIT {
    private static final String REDIRECT = "https://app.example.com/oauth2-callback";
    private static final String VERIFIER = "v".repeat(43);
    private static final String VICTIM = "victim@example.com";

    private StubOAuth2Provider stub;
    private Locket app;
    private ApiCalls api;
    private String superToken;
    private String victimId;
    private TestIdTokens oidcKeys;

    /** One provider's answers and what Locket must make of them. */
    record Row(String provider, String userInfoPath, Answer userInfo, Map<String, Answer> more, String tokenExtras,
               Expect expect, Consumer<Seen> userInfoRequest) {
        @Override
        public String toString() {
            return provider;
        }
    }

    record Expect(String id, String name, String username, String email, String avatarURL) {
    }

    @BeforeAll
    void start() throws Exception {
        stub = new StubOAuth2Provider();
        oidcKeys = TestIdTokens.rsa("stub-key");
        Path dir = Files.createTempDirectory("locket-oauth2-providers").resolve("pb_data");
        assertEquals(0, Locket.create().start("superuser", "upsert", "root@example.com", "root-password-1",
                "--dir", dir.toString()));
        app = Locket.create();
        CompletableFuture.runAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        api = new ApiCalls("http://127.0.0.1:" + app.awaitPort(30, TimeUnit.SECONDS));
        superToken = api.call("POST", "/api/collections/_superusers/auth-with-password", null,
                Map.of("identity", "root@example.com", "password", "root-password-1")).text("token");

        List<Map<String, Object>> providers = new ArrayList<>();
        for (Row row : rows().toList()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", row.provider());
            p.put("clientId", "cid-" + row.provider());
            p.put("clientSecret", "secret-" + row.provider());
            p.put("authURL", stub.url("/" + row.provider() + "/authorize"));
            p.put("tokenURL", stub.url("/" + row.provider() + "/token"));
            p.put("userInfoURL", row.userInfoPath().isEmpty() ? "" : stub.url(row.userInfoPath()));
            if (row.provider().equals("oidc2")) {
                p.put("extra", Map.of("jwksURL", stub.url("/oidc2/jwks"), "issuers", List.of("https://idp.example")));
            }
            providers.add(p);
        }
        Reply saved = api.call("PATCH", "/api/collections/users", superToken, Map.of("oauth2", Map.of(
                "enabled", true, "providers", providers, "mappedFields", Map.of("name", "name"))));
        assertEquals(200, saved.status(), saved.raw());

        Reply victim = api.call("POST", "/api/collections/users/records", null,
                Map.of("email", VICTIM, "password", "victim-password-1", "passwordConfirm", "victim-password-1"));
        assertEquals(200, victim.status(), victim.raw());
        victimId = victim.text("id");
        assertEquals(200, api.call("PATCH", "/api/collections/users/records/" + victimId, superToken,
                Map.of("verified", true)).status());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (stub != null) {
            stub.close();
        }
    }

    Stream<Row> rows() throws Exception {
        return Stream.of(
                row("google", "/google/userinfo", """
                        {"sub":"109876543210","name":"Ada Lovelace","given_name":"Ada","family_name":"Lovelace",
                         "picture":"https://lh3.googleusercontent.com/a/ada","email":"google@example.com",
                         "email_verified":true,"locale":"en"}""",
                        new Expect("109876543210", "Ada Lovelace", "", "google@example.com",
                                "https://lh3.googleusercontent.com/a/ada")),
                row("microsoft", "/microsoft/me", """
                        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users/$entity",
                         "id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"Megan Bowen","givenName":"Megan",
                         "surname":"Bowen","mail":"microsoft@example.com","userPrincipalName":"megan@contoso.example",
                         "jobTitle":null}""",
                        new Expect("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "Megan Bowen", "", "microsoft@example.com",
                                "")),
                row("yandex", "/yandex/info", """
                        {"id":"1000034426","login":"ivan","client_id":"cid","display_name":"Ivan",
                         "real_name":"Ivan Ivanov","first_name":"Ivan","last_name":"Ivanov","sex":"male",
                         "default_email":"yandex@example.com","emails":["yandex@example.com"],
                         "default_avatar_id":"131652443","is_avatar_empty":false,"psuid":"1.AAA"}""",
                        new Expect("1000034426", "Ivan Ivanov", "ivan", "yandex@example.com",
                                "https://avatars.yandex.net/get-yapic/131652443/islands-200")),
                row("facebook", "/facebook/me?fields=name,email,picture.type(large)", """
                        {"name":"Mark Zed","email":"facebook@example.com","picture":{"data":{"height":200,
                         "is_silhouette":false,"url":"https://platform-lookaside.fbsbx.com/pic.jpg","width":200}},
                         "id":"10158000000000001"}""",
                        new Expect("10158000000000001", "Mark Zed", "", "facebook@example.com",
                                "https://platform-lookaside.fbsbx.com/pic.jpg"),
                        seen -> assertEquals("fields=name,email,picture.type(large)", seen.query())),
                new Row("instagram2", "/instagram2/me", Answer.json("""
                        {"id":"17841400000000000","user_id":"17841400000000001","username":"insta.user",
                         "account_type":"BUSINESS","name":"Insta User",
                         "profile_picture_url":"https://scontent.cdninstagram.com/p.jpg","followers_count":10,
                         "follows_count":5,"media_count":3}"""), Map.of(),
                        ",\"user_id\":17841400000000001,\"permissions\":[\"instagram_business_basic\"]",
                        new Expect("17841400000000001", "Insta User", "insta.user", "",
                                "https://scontent.cdninstagram.com/p.jpg"), seen -> { }),
                new Row("github", "/github/user", Answer.json("""
                        {"login":"octocat","id":583231,"avatar_url":"https://avatars.githubusercontent.com/u/583231",
                         "name":"The Octocat","email":"octocat-public@example.com","company":"GitHub"}"""),
                        Map.of("/github/user/emails", Answer.json("""
                                [{"email":"octocat-public@example.com","primary":false,"verified":true,"visibility":null},
                                 {"email":"github@example.com","primary":true,"verified":true,"visibility":"private"}]""")),
                        "", new Expect("583231", "The Octocat", "octocat", "github@example.com",
                                "https://avatars.githubusercontent.com/u/583231"), seen -> { }),
                row("gitlab", "/gitlab/user", """
                        {"id":1,"username":"john_smith","name":"John Smith","state":"active",
                         "avatar_url":"https://gitlab.example.com/uploads/user/avatar/1/index.jpg",
                         "email":"gitlab@example.com","confirmed_at":"2012-05-23T09:05:22Z"}""",
                        new Expect("1", "John Smith", "john_smith", "gitlab@example.com",
                                "https://gitlab.example.com/uploads/user/avatar/1/index.jpg")),
                new Row("bitbucket", "/bitbucket/user", Answer.json("""
                        {"uuid":"{c788b2da-b7a2-404c-9e26-d3f077557007}","username":"evzijst",
                         "display_name":"Erik van Zijst","account_status":"active","type":"user",
                         "links":{"avatar":{"href":"https://bitbucket.org/account/evzijst/avatar/"}}}"""),
                        Map.of("/bitbucket/user/emails", Answer.json("""
                                {"pagelen":10,"page":1,"size":2,"values":[
                                 {"is_primary":false,"is_confirmed":true,"type":"email","email":"old@example.com"},
                                 {"is_primary":true,"is_confirmed":true,"type":"email","email":"bitbucket@example.com"}]}""")),
                        "", new Expect("{c788b2da-b7a2-404c-9e26-d3f077557007}", "Erik van Zijst", "evzijst",
                                "bitbucket@example.com", "https://bitbucket.org/account/evzijst/avatar/"), seen -> { }),
                new Row("gitee", "/gitee/user", Answer.json("""
                        {"id":8622464,"login":"giteeuser","name":"Gitee User",
                         "avatar_url":"https://gitee.com/assets/no_portrait.png","email":null}"""),
                        Map.of("/gitee/emails", Answer.json("""
                                [{"email":"gitee-other@example.com","state":"confirmed","scope":["committed"]},
                                 {"email":"gitee@example.com","state":"confirmed","scope":["committed","primary"]}]""")),
                        "", new Expect("8622464", "Gitee User", "giteeuser", "gitee@example.com",
                                "https://gitee.com/assets/no_portrait.png"), seen -> { }),
                new Row("gitea", "/gitea/user", Answer.json("""
                        {"id":3,"login":"giteauser","full_name":"Gitea User","email":"gitea-claimed@example.com",
                         "avatar_url":"https://gitea.example.com/avatars/3","active":true,"is_admin":false}"""),
                        Map.of("/gitea/user/emails", Answer.json("""
                                [{"email":"gitea-claimed@example.com","verified":false,"primary":false},
                                 {"email":"gitea@example.com","verified":true,"primary":true}]""")),
                        "", new Expect("3", "Gitea User", "giteauser", "gitea@example.com",
                                "https://gitea.example.com/avatars/3"), seen -> { }),
                row("discord", "/discord/users/@me", """
                        {"id":"80351110224678912","username":"nelly","discriminator":"0","global_name":"Nelly",
                         "avatar":"8342729096ea3675442027381ff50dfe","verified":true,"email":"discord@example.com",
                         "flags":64}""",
                        new Expect("80351110224678912", "Nelly", "nelly", "discord@example.com",
                                "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png")),
                row("twitter", "/twitter/2/users/me", """
                        {"data":{"id":"2244994945","name":"X Dev","username":"XDevelopers",
                         "profile_image_url":"https://pbs.twimg.com/profile_images/x_normal.jpg",
                         "confirmed_email":"twitter@example.com"}}""",
                        new Expect("2244994945", "X Dev", "XDevelopers", "twitter@example.com",
                                "https://pbs.twimg.com/profile_images/x_normal.jpg")),
                row("kakao", "/kakao/v2/user/me", """
                        {"id":123456789,"connected_at":"2022-04-11T01:45:28Z",
                         "properties":{"nickname":"Hong Gildong","profile_image":"http://k.kakaocdn.net/img_640x640.jpg"},
                         "kakao_account":{"email_needs_agreement":false,"is_email_valid":true,
                          "is_email_verified":true,"email":"kakao@example.com"}}""",
                        new Expect("123456789", "", "Hong Gildong", "kakao@example.com",
                                "http://k.kakaocdn.net/img_640x640.jpg")),
                new Row("vk", "/vk/method/users.get", Answer.json("""
                        {"response":[{"id":210700286,"first_name":"Lindsey","last_name":"Stirling",
                         "screen_name":"lindseystirling","photo_max":"https://sun9-1.userapi.com/photo.jpg",
                         "can_access_closed":true,"is_closed":false}]}"""), Map.of(),
                        ",\"user_id\":210700286,\"email\":\"vk@example.com\"",
                        new Expect("210700286", "Lindsey Stirling", "lindseystirling", "vk@example.com",
                                "https://sun9-1.userapi.com/photo.jpg"), seen -> { }),
                row("linear", "/linear/graphql", """
                        {"data":{"viewer":{"id":"2e6eea91-1111-0000-9486-acea0603064d","displayName":"lin",
                         "name":"Lin Ear","email":"linear@example.com","avatarUrl":"https://public.linear.app/a.png",
                         "active":true}}}""",
                        new Expect("2e6eea91-1111-0000-9486-acea0603064d", "Lin Ear", "lin", "linear@example.com",
                                "https://public.linear.app/a.png"),
                        seen -> {
                            assertEquals("POST", seen.method());
                            assertTrue(seen.header("Content-Type").startsWith("application/json"));
                            assertEquals("query Me { viewer { id displayName name email avatarUrl active } }",
                                    ((Map<?, ?>) Json.parse(seen.body())).get("query"));
                        }),
                row("notion", "/notion/v1/users/me", """
                        {"object":"user","id":"bot-1","type":"bot","name":"Integration","avatar_url":null,
                         "bot":{"owner":{"type":"user","user":{"object":"user",
                          "id":"e79a0b74-3aba-4149-9f74-0bb5791a6ee6","name":"Notion User",
                          "avatar_url":"https://s3.notion.example/avatar.png","type":"person",
                          "person":{"email":"notion@example.com"}}},"workspace_name":"Team"},"request_id":"r-1"}""",
                        new Expect("e79a0b74-3aba-4149-9f74-0bb5791a6ee6", "Notion User", "", "notion@example.com",
                                "https://s3.notion.example/avatar.png"),
                        seen -> assertEquals("2022-06-28", seen.header("Notion-Version"))),
                row("monday", "/monday/v2", """
                        {"data":{"me":{"id":"12345678","enabled":true,"name":"Monday User",
                         "email":"monday@example.com","is_verified":true,
                         "photo_small":"https://files.monday.com/photo_small.png"}},"account_id":1}""",
                        new Expect("12345678", "Monday User", "", "monday@example.com",
                                "https://files.monday.com/photo_small.png"),
                        seen -> {
                            assertEquals("POST", seen.method());
                            assertTrue(seen.header("Content-Type").startsWith("application/json"));
                            assertEquals("query { me { id enabled name email is_verified photo_small }}",
                                    ((Map<?, ?>) Json.parse(seen.body())).get("query"));
                        }),
                row("lark", "/lark/user_info", """
                        {"code":0,"msg":"success","data":{"name":"Lark User","en_name":"Lark",
                         "avatar_url":"https://s1-imfile.feishucdn.com/avatar.jpg","open_id":"ou_1",
                         "union_id":"on_union123","email":"lark-unverified@example.com","user_id":"u1"}}""",
                        new Expect("on_union123", "Lark User", "", "", "https://s1-imfile.feishucdn.com/avatar.jpg")),
                row("box", "/box/2.0/users/me", """
                        {"type":"user","id":"11446498","name":"Aaron Levie","login":"box@example.com",
                         "status":"active","avatar_url":"https://www.box.com/api/avatar/large/181216415"}""",
                        new Expect("11446498", "Aaron Levie", "", "box@example.com",
                                "https://www.box.com/api/avatar/large/181216415")),
                row("spotify", "/spotify/v1/me", """
                        {"display_name":"Spotify User","id":"wizzler","email":"spotify-unverified@example.com",
                         "images":[{"url":"https://i.scdn.co/image/ab67616d.jpg","height":300,"width":300}],
                         "type":"user"}""",
                        new Expect("wizzler", "Spotify User", "", "", "https://i.scdn.co/image/ab67616d.jpg")),
                row("trakt", "/trakt/users/settings", """
                        {"user":{"username":"sean","private":false,"name":"Sean Rudford","vip":true,
                         "ids":{"slug":"sean","uuid":"b6589fc6ab0dc82cf12099d1c2d40ab994e8410c"},
                         "images":{"avatar":{"full":"https://walter.trakt.tv/images/users/avatars/large/cf89.jpg"}}},
                         "account":{"timezone":"America/Los_Angeles"}}""",
                        new Expect("b6589fc6ab0dc82cf12099d1c2d40ab994e8410c", "Sean Rudford", "sean", "",
                                "https://walter.trakt.tv/images/users/avatars/large/cf89.jpg"),
                        seen -> {
                            assertEquals("cid-trakt", seen.header("trakt-api-key"));
                            assertEquals("2", seen.header("trakt-api-version"));
                        }),
                row("twitch", "/twitch/helix/users", """
                        {"data":[{"id":"141981764","login":"twitchdev","display_name":"TwitchDev","type":"",
                         "broadcaster_type":"partner","description":"Supporting third-party developers",
                         "profile_image_url":"https://static-cdn.jtvnw.net/profile_image-300x300.png",
                         "email":"twitch@example.com","created_at":"2016-12-14T20:32:28Z"}]}""",
                        new Expect("141981764", "TwitchDev", "twitchdev", "twitch@example.com",
                                "https://static-cdn.jtvnw.net/profile_image-300x300.png"),
                        seen -> assertEquals("cid-twitch", seen.header("Client-Id"))),
                row("patreon", "/patreon/identity", """
                        {"data":{"attributes":{"email":"patreon@example.com","full_name":"Pat Reon",
                         "image_url":"https://c8.patreon.com/2/200/12345","is_email_verified":true,
                         "vanity":"patreon_vanity"},"id":"12345","type":"user"},
                         "links":{"self":"https://www.patreon.com/api/oauth2/v2/user/12345"}}""",
                        new Expect("12345", "Pat Reon", "patreon_vanity", "patreon@example.com",
                                "https://c8.patreon.com/2/200/12345")),
                row("strava", "/strava/athlete", """
                        {"id":134815,"username":"marianne_t","resource_state":2,"firstname":"Marianne",
                         "lastname":"Teutenberg","city":"San Francisco",
                         "profile":"https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/large.jpg"}""",
                        new Expect("134815", "Marianne Teutenberg", "marianne_t", "",
                                "https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/large.jpg")),
                row("wakatime", "/wakatime/users/current", """
                        {"data":{"id":"2ac3bf3b-0d3a-4a5f-b8a4-1a7b2f1e2a3c","display_name":"Waka User",
                         "username":"waka","email":"wakatime@example.com","photo":"https://wakatime.com/photo/2ac3",
                         "photo_public":true,"is_email_confirmed":true,"full_name":"Waka User"}}""",
                        new Expect("2ac3bf3b-0d3a-4a5f-b8a4-1a7b2f1e2a3c", "Waka User", "waka",
                                "wakatime@example.com", "https://wakatime.com/photo/2ac3")),
                row("livechat", "/livechat/v2/accounts/me", """
                        {"account_id":"d24d4f2c-1111-2222-3333-9f2e5c0b6c1a","name":"Live Chat",
                         "email":"livechat@example.com","email_verified":true,
                         "avatar_url":"https://cdn.livechat-files.com/api/file/avatar.png","roles":[]}""",
                        new Expect("d24d4f2c-1111-2222-3333-9f2e5c0b6c1a", "Live Chat", "", "livechat@example.com",
                                "https://cdn.livechat-files.com/api/file/avatar.png")),
                row("mailcow", "/mailcow/oauth/profile", """
                        {"success":true,"id":"42","username":"mailcow@example.com","identifier":"mailcow@example.com",
                         "email":"mailcow@example.com","full_name":"Mail Cow","displayName":"Mail Cow","active":1}""",
                        new Expect("42", "Mail Cow", "mailcow", "mailcow@example.com", "")),
                row("planningcenter", "/planningcenter/people/v2/me", """
                        {"data":{"type":"Person","id":"12345","attributes":{"name":"Planning Person",
                         "avatar":"https://avatars.planningcenteronline.com/uploads/initials/PP.png",
                         "status":"active","first_name":"Planning"},"links":{}},"included":[],"meta":{}}""",
                        new Expect("12345", "Planning Person", "", "",
                                "https://avatars.planningcenteronline.com/uploads/initials/PP.png")),
                row("oidc", "/oidc/userinfo", """
                        {"sub":"oidc-sub-1","name":"Oidc User","preferred_username":"oidcuser",
                         "picture":"https://idp.example/pic.png","email":"oidc@example.com","email_verified":1}""",
                        new Expect("oidc-sub-1", "Oidc User", "oidcuser", "oidc@example.com",
                                "https://idp.example/pic.png")),
                new Row("oidc2", "", null, Map.of("/oidc2/jwks", Answer.json(oidcKeys.jwks())),
                        ",\"id_token\":\"" + idToken(Map.of("sub", "oidc2-sub", "name", "Id Token User",
                                "preferred_username", "idtoken", "email", "oidc2@example.com", "email_verified", true,
                                "picture", "https://idp.example/oidc2.png")) + "\"",
                        new Expect("oidc2-sub", "Id Token User", "idtoken", "oidc2@example.com",
                                "https://idp.example/oidc2.png"), seen -> { }),
                row("oidc3", "/oidc3/userinfo", """
                        {"sub":"oidc3-sub","name":"Unverified","preferred_username":"unverified",
                         "email":"oidc3@example.com","email_verified":"false"}""",
                        new Expect("oidc3-sub", "Unverified", "unverified", "", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachProviderMapsItsUserAsUpstreamDoes(Row row) throws Exception {
        String p = row.provider();
        stub.answer("/" + p + "/token", Answer.json("{\"access_token\":\"at-" + p + "\",\"token_type\":\"bearer\","
                + "\"refresh_token\":\"rt-" + p + "\",\"expires_in\":3600" + row.tokenExtras() + "}"));
        String path = row.userInfoPath().split("\\?")[0];
        if (row.userInfo() != null) {
            stub.answer(path, row.userInfo());
        }
        row.more().forEach(stub::answer);
        Map<String, Object> createData = row.expect().email().isEmpty()
                ? Map.of("email", p + "-created@example.com") : null;

        Reply r = login(p, "code-" + p, createData);

        assertEquals(200, r.status(), r.raw());
        Map<String, Object> meta = r.map("meta");
        Expect e = row.expect();
        assertEquals(e.id(), meta.get("id"), "id");
        assertEquals(e.name(), meta.get("name"), "name");
        assertEquals(e.username(), meta.get("username"), "username");
        assertEquals(e.email(), meta.get("email"), "email");
        assertEquals(e.avatarURL(), meta.get("avatarURL"), "avatarURL");
        assertEquals(e.avatarURL(), meta.get("avatarUrl"), "avatarUrl");
        assertEquals("at-" + p, meta.get("accessToken"));
        assertEquals("rt-" + p, meta.get("refreshToken"));
        assertTrue(ApiCalls.text(meta, "expiry").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                meta.toString());
        assertEquals(true, meta.get("isNew"));
        if (row.userInfo() != null) {
            Map<String, Object> raw = new LinkedHashMap<>(asMap(Json.parse(row.userInfo().body())));
            if (p.equals("instagram2")) {
                raw.put("permissions", List.of("instagram_business_basic")); // taken from the token response
            }
            assertEquals(raw, meta.get("rawUser"));
        } else {
            assertEquals("oidc2-sub", map(meta, "rawUser").get("sub"));
        }
        Map<String, Object> record = r.map("record");
        assertEquals(e.email().isEmpty() ? p + "-created@example.com" : e.email(), record.get("email"));
        assertEquals(!e.email().isEmpty(), record.get("verified"));
        assertEquals(e.name(), record.get("name"));

        Seen token = last("/" + p + "/token");
        assertEquals("POST", token.method());
        assertEquals("authorization_code", token.form().get("grant_type"));
        assertEquals("code-" + p, token.form().get("code"));
        assertEquals(REDIRECT, token.form().get("redirect_uri"));
        assertEquals(List.of("cid-" + p, "secret-" + p), token.clientCredentials());
        boolean pkce = !List.of("vk", "linear", "bitbucket").contains(p);
        assertEquals(pkce ? VERIFIER : null, token.form().get("code_verifier"), "PKCE only where the provider uses it");
        if (row.userInfo() != null) {
            Seen userInfo = last(path);
            assertEquals("Bearer at-" + p, userInfo.header("Authorization"));
            row.userInfoRequest().accept(userInfo);
        }
        for (String more : row.more().keySet()) {
            if (!more.endsWith("/jwks")) {
                assertEquals("Bearer at-" + p, last(more).header("Authorization"), more);
            }
        }
    }

    /** A follow-up the provider offers but the user did not grant: no address rather than an unverified one. */
    @Test
    void githubWithoutAccessToTheEmailsListHasNoEmail() throws Exception {
        stub.answer("/github/token", Answer.json("{\"access_token\":\"at-gh-2\",\"token_type\":\"bearer\"}"));
        stub.answer("/github/user", Answer.json("{\"login\":\"mallory\",\"id\":666,\"email\":\"" + VICTIM + "\"}"));
        stub.answer("/github/user/emails", new Answer(404, "application/json", "{\"message\":\"Not Found\"}"));
        Reply r = login("github", "code-gh-2", Map.of("email", "mallory-gh@example.com"));
        assertTakeoverRefused(r);
    }

    /**
     * An avatar mapped to a file field is downloaded as upstream does, but only from public addresses:
     * a provider cannot make the server fetch from its own network (here: loopback), and the login
     * goes on without the avatar.
     */
    @Test
    void anAvatarOnAPrivateAddressIsNotFetched() throws Exception {
        Map<String, Object> github = new LinkedHashMap<>();
        github.put("name", "github");
        github.put("clientId", "cid-people");
        github.put("clientSecret", "secret-people");
        github.put("tokenURL", stub.url("/people/token"));
        github.put("userInfoURL", stub.url("/people/user"));
        Map<String, Object> avatar = Map.of("name", "avatar", "type", "file", "maxSelect", 1,
                "mimeTypes", List.of("image/png"));
        Map<String, Object> oauth2 = Map.of("enabled", true, "providers", List.of(github),
                "mappedFields", Map.of("avatarURL", "avatar"));
        Reply created = api.call("POST", "/api/collections", superToken, Map.of("name", "people", "type", "auth",
                "createRule", "", "fields", List.of(avatar), "oauth2", oauth2));
        assertEquals(200, created.status(), created.raw());
        stub.answer("/people/token", Answer.json("{\"access_token\":\"at-people\"}"));
        stub.answer("/people/user", Answer.json("{\"id\":77,\"login\":\"pic\",\"avatar_url\":\""
                + stub.url("/private/avatar.png") + "\"}"));
        stub.answer("/people/user/emails", Answer.json("[{\"email\":\"pic@example.com\",\"verified\":true,"
                + "\"primary\":true}]"));
        stub.answer("/private/avatar.png", new Answer(200, "image/png", "\u0089PNG\r\n\u001a\n"));

        Reply r = api.call("POST", "/api/collections/people/auth-with-oauth2", null, Map.of("provider", "github",
                "code", "code-people", "codeVerifier", VERIFIER, "redirectURL", REDIRECT));

        assertEquals(200, r.status(), r.raw());
        assertEquals(stub.url("/private/avatar.png"), r.map("meta").get("avatarURL"));
        assertEquals("", r.map("record").get("avatar"));
        assertTrue(stub.seen("/private/avatar.png").isEmpty(), "the server fetched from a loopback address");
    }

    /**
     * A provider user without an id (Strava maps id 0 to none) is not refused by the provider read;
     * upstream fails on saving the link, and the record made for it is rolled back.
     */
    @Test
    void aProviderUserWithoutAnIdFailsOnItsLinkAndLeavesNoRecord() throws Exception {
        stub.answer("/strava/token", Answer.json("{\"access_token\":\"at-no-id\"}"));
        stub.answer("/strava/athlete", Answer.json("{\"id\":0,\"firstname\":\"No\",\"lastname\":\"Id\"}"));
        Reply r = login("strava", "code-no-id", Map.of("email", "no-id@example.com"));
        assertEquals(400, r.status(), r.raw());
        assertEquals("Failed to authenticate.", r.body().get("message"));
        assertEquals("validation_required", map(r.map("data"), "providerId").get("code"), r.raw());
        Reply users = api.call("GET", "/api/collections/users/records?filter=email%3D%27no-id%40example.com%27",
                superToken, null);
        assertEquals(0, ((Number) users.body().get("totalItems")).intValue(), users.raw());
    }

    /**
     * Account takeover (issue 14): a provider account that claims the victim's address without having
     * it verified must neither sign in to nor link the victim's verified record; it gets a record of
     * its own, unverified, and no provider email.
     */
    Stream<Row> unverifiedClaims() {
        return Stream.of(
                claim("github", "/github/user", "{\"login\":\"m1\",\"id\":1001,\"email\":\"" + VICTIM + "\"}",
                        Map.of("/github/user/emails", Answer.json("[{\"email\":\"" + VICTIM
                                + "\",\"primary\":true,\"verified\":false}]"))),
                claim("gitea", "/gitea/user", "{\"login\":\"m2\",\"id\":1002,\"active\":true,\"email\":\"" + VICTIM
                        + "\"}", Map.of("/gitea/user/emails", Answer.json("[{\"email\":\"" + VICTIM
                        + "\",\"primary\":true,\"verified\":false}]"))),
                claim("gitlab", "/gitlab/user", "{\"id\":1003,\"username\":\"m3\",\"email\":\"" + VICTIM
                        + "\",\"confirmed_at\":null}", Map.of()),
                claim("bitbucket", "/bitbucket/user", "{\"uuid\":\"{m4}\",\"account_status\":\"active\"}",
                        Map.of("/bitbucket/user/emails", Answer.json("{\"values\":[{\"email\":\"" + VICTIM
                                + "\",\"is_primary\":true,\"is_confirmed\":false}]}"))),
                claim("gitee", "/gitee/user", "{\"id\":1005,\"login\":\"m5\",\"email\":\"\"}",
                        Map.of("/gitee/emails", Answer.json("[{\"email\":\"" + VICTIM
                                + "\",\"state\":\"unconfirmed\",\"scope\":[\"primary\"]}]"))),
                claim("google", "/google/userinfo", "{\"sub\":\"m6\",\"email\":\"" + VICTIM
                        + "\",\"email_verified\":false}", Map.of()),
                claim("discord", "/discord/users/@me", "{\"id\":\"m7\",\"username\":\"m7\",\"email\":\"" + VICTIM
                        + "\",\"verified\":false}", Map.of()),
                claim("kakao", "/kakao/v2/user/me", "{\"id\":1008,\"kakao_account\":{\"email\":\"" + VICTIM
                        + "\",\"is_email_valid\":true,\"is_email_verified\":false}}", Map.of()),
                claim("patreon", "/patreon/identity", "{\"data\":{\"id\":\"m9\",\"attributes\":{\"email\":\"" + VICTIM
                        + "\",\"is_email_verified\":false}}}", Map.of()),
                claim("wakatime", "/wakatime/users/current", "{\"data\":{\"id\":\"m10\",\"email\":\"" + VICTIM
                        + "\",\"is_email_confirmed\":false}}", Map.of()),
                claim("livechat", "/livechat/v2/accounts/me", "{\"account_id\":\"m11\",\"email\":\"" + VICTIM
                        + "\",\"email_verified\":false}", Map.of()),
                claim("monday", "/monday/v2", "{\"data\":{\"me\":{\"id\":\"m12\",\"enabled\":true,\"email\":\""
                        + VICTIM + "\",\"is_verified\":false}}}", Map.of()),
                claim("oidc", "/oidc/userinfo", "{\"sub\":\"m13\",\"email\":\"" + VICTIM
                        + "\",\"email_verified\":\"false\"}", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unverifiedClaims")
    void anUnverifiedProviderEmailNeverReachesTheVictimsRecord(Row row) throws Exception {
        String p = row.provider();
        stub.answer("/" + p + "/token", Answer.json("{\"access_token\":\"at-claim-" + p + "\"}"));
        stub.answer(row.userInfoPath(), row.userInfo());
        row.more().forEach(stub::answer);
        assertTakeoverRefused(login(p, "code-claim-" + p, Map.of("email", "mallory-" + p + "@example.com")));
    }

    private void assertTakeoverRefused(Reply r) throws Exception {
        assertEquals(200, r.status(), r.raw());
        assertNotEquals(victimId, r.map("record").get("id"));
        assertEquals("", r.map("meta").get("email"));
        assertEquals(true, r.map("meta").get("isNew"));
        assertEquals(false, r.map("record").get("verified"));
        Reply links = api.call("GET", "/api/collections/_externalAuths/records?filter=recordRef%3D%27" + victimId
                + "%27", superToken, null);
        assertEquals(200, links.status(), links.raw());
        assertEquals(0, ((Number) links.body().get("totalItems")).intValue(), links.raw());
        // The victim's own password still works: the record was not touched.
        assertEquals(200, api.call("POST", "/api/collections/users/auth-with-password", null,
                Map.of("identity", VICTIM, "password", "victim-password-1")).status());
    }

    @Test
    void theProviderListIsForSuperusersOnlyInUpstreamOrderWithNameDisplayNameAndLogo() throws Exception {
        String path = "/api/collections/meta/oauth2-providers";
        Reply guest = api.call("GET", path, null, null);
        assertEquals(401, guest.status(), guest.raw());
        assertEquals(Map.of(), guest.body().get("data"));
        api.call("POST", "/api/collections/users/records", null, Map.of("email", "plain@example.com",
                "password", "plain-password-1", "passwordConfirm", "plain-password-1"));
        String userToken = api.call("POST", "/api/collections/users/auth-with-password", null,
                Map.of("identity", "plain@example.com", "password", "plain-password-1")).text("token");
        Reply user = api.call("GET", path, userToken, null);
        assertEquals(403, user.status(), user.raw());
        assertEquals(Map.of(), user.body().get("data"));

        Reply r = api.call("GET", path, superToken, null);
        assertEquals(200, r.status(), r.raw());
        List<?> list = (List<?>) Json.parse(r.raw());
        assertEquals(List.of("apple", "google", "microsoft", "yandex", "facebook", "instagram2", "github", "gitlab",
                "bitbucket", "gitee", "gitea", "discord", "twitter", "kakao", "vk", "linear", "notion", "monday",
                "lark", "box", "spotify", "trakt", "twitch", "patreon", "strava", "wakatime", "livechat", "mailcow",
                "planningcenter", "oidc", "oidc2", "oidc3"), list.stream().map(p -> ((Map<?, ?>) p).get("name")).toList());
        for (Object o : list) {
            Map<?, ?> p = (Map<?, ?>) o;
            assertEquals(List.of("name", "displayName", "logo"), List.copyOf(p.keySet()), p.toString());
            assertTrue(((String) p.get("logo")).startsWith("<svg"), p.toString());
        }
        assertEquals("ВКонтакте", ((Map<?, ?>) list.get(14)).get("displayName"));
        assertEquals("Gitea/Forgejo", ((Map<?, ?>) list.get(10)).get("displayName"));
        assertTrue(r.raw().contains("{\"name\":\"oidc3\",\"displayName\":\"OIDC\",\"logo\":\"\\u003csvg"), r.raw());
        for (String hidden : List.of("\"order\":", "\"pkce\":", "\"scopes\":", "\"authURL\":", "\"tokenURL\":",
                "\"userInfoURL\":")) {
            assertFalse(r.raw().contains(hidden), hidden);
        }
    }

    private Reply login(String provider, String code, Map<String, Object> createData) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", provider);
        body.put("code", code);
        body.put("codeVerifier", VERIFIER);
        body.put("redirectURL", REDIRECT);
        if (createData != null) {
            body.put("createData", createData);
        }
        return api.call("POST", "/api/collections/users/auth-with-oauth2", null, body);
    }

    private Seen last(String path) {
        List<Seen> all = stub.seen(path);
        assertFalse(all.isEmpty(), "no request to " + path);
        return all.get(all.size() - 1);
    }

    private static Row row(String provider, String userInfoPath, String json, Expect expect) {
        return row(provider, userInfoPath, json, expect, seen -> assertEquals("GET", seen.method()));
    }

    private static Row row(String provider, String userInfoPath, String json, Expect expect, Consumer<Seen> check) {
        return new Row(provider, userInfoPath, Answer.json(json), Map.of(), "", expect, check);
    }

    private static Row claim(String provider, String userInfoPath, String json, Map<String, Answer> more) {
        return new Row(provider, userInfoPath, Answer.json(json), more, "", null, seen -> { });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    private String idToken(Map<String, Object> user) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>(user);
        long now = System.currentTimeMillis() / 1000;
        claims.put("iss", "https://idp.example");
        claims.put("aud", "cid-oidc2");
        claims.put("iat", now);
        claims.put("exp", now + 600);
        return oidcKeys.sign(claims);
    }
}

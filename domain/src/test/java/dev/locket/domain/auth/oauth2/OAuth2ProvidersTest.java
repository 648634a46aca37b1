package dev.locket.domain.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OAuth2ProvidersTest {
    private static final UserMapping.Tokens TOKENS =
            new UserMapping.Tokens("at", "rt", Optional.of(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void knowsExactlyTheProviderNamesOfPocketBase() {
        assertEquals(List.of("apple", "bitbucket", "box", "discord", "facebook", "gitea", "gitee", "github", "gitlab",
                "google", "instagram2", "kakao", "lark", "linear", "livechat", "mailcow", "microsoft", "monday",
                "notion", "oidc", "oidc2", "oidc3", "patreon", "planningcenter", "spotify", "strava", "trakt",
                "twitch", "twitter", "vk", "wakatime", "yandex"), List.copyOf(Providers.names()));
    }

    /** Upstream's defaults, provider by provider (tools/auth/*.go of v0.39 and the x/oauth2 endpoints they use). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            apple|Apple|1|true|name email|https://appleid.apple.com/auth/authorize|https://appleid.apple.com/auth/token|
            google|Google|2|true|https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email|https://accounts.google.com/o/oauth2/v2/auth|https://oauth2.googleapis.com/token|https://www.googleapis.com/oauth2/v3/userinfo
            microsoft|Microsoft|3|true|User.Read|https://login.microsoftonline.com/common/oauth2/v2.0/authorize|https://login.microsoftonline.com/common/oauth2/v2.0/token|https://graph.microsoft.com/v1.0/me
            yandex|Yandex|4|true|login:email login:avatar login:info|https://oauth.yandex.com/authorize|https://oauth.yandex.com/token|https://login.yandex.ru/info
            facebook|Facebook|5|true|email|https://www.facebook.com/v3.2/dialog/oauth|https://graph.facebook.com/v3.2/oauth/access_token|https://graph.facebook.com/me?fields=name,email,picture.type(large)
            instagram2|Instagram|6|true|instagram_business_basic|https://www.instagram.com/oauth/authorize|https://api.instagram.com/oauth/access_token|https://graph.instagram.com/me?fields=id,username,account_type,user_id,name,profile_picture_url,followers_count,follows_count,media_count
            github|GitHub|7|true|read:user user:email|https://github.com/login/oauth/authorize|https://github.com/login/oauth/access_token|https://api.github.com/user
            gitlab|GitLab|8|true|read_user|https://gitlab.com/oauth/authorize|https://gitlab.com/oauth/token|https://gitlab.com/api/v4/user
            bitbucket|Bitbucket|9|false|account|https://bitbucket.org/site/oauth2/authorize|https://bitbucket.org/site/oauth2/access_token|https://api.bitbucket.org/2.0/user
            gitee|Gitee|10|true|user_info emails|https://gitee.com/oauth/authorize|https://gitee.com/oauth/token|https://gitee.com/api/v5/user
            gitea|Gitea/Forgejo|11|true|read:user user:email|https://gitea.com/login/oauth/authorize|https://gitea.com/login/oauth/access_token|https://gitea.com/api/v1/user
            discord|Discord|12|true|identify email|https://discord.com/api/oauth2/authorize|https://discord.com/api/oauth2/token|https://discord.com/api/users/@me
            twitter|X/Twitter|13|true|users.read users.email tweet.read|https://x.com/i/oauth2/authorize|https://api.x.com/2/oauth2/token|https://api.x.com/2/users/me?user.fields=id,name,username,profile_image_url,confirmed_email
            kakao|Kakao|14|true|account_email profile_nickname profile_image|https://kauth.kakao.com/oauth/authorize|https://kauth.kakao.com/oauth/token|https://kapi.kakao.com/v2/user/me
            vk|ВКонтакте|15|false|email|https://oauth.vk.com/authorize|https://oauth.vk.com/access_token|https://api.vk.com/method/users.get?fields=photo_max,screen_name&v=5.131
            linear|Linear|16|false|read|https://linear.app/oauth/authorize|https://api.linear.app/oauth/token|https://api.linear.app/graphql
            notion|Notion|17|true||https://api.notion.com/v1/oauth/authorize|https://api.notion.com/v1/oauth/token|https://api.notion.com/v1/users/me
            monday|monday.com|18|true|me:read|https://auth.monday.com/oauth2/authorize|https://auth.monday.com/oauth2/token|https://api.monday.com/v2
            lark|Lark|19|true||https://accounts.feishu.cn/open-apis/authen/v1/authorize|https://open.feishu.cn/open-apis/authen/v2/oauth/token|https://open.feishu.cn/open-apis/authen/v1/user_info
            box|Box|20|true|root_readonly|https://account.box.com/api/oauth2/authorize|https://api.box.com/oauth2/token|https://api.box.com/2.0/users/me
            spotify|Spotify|21|true|user-read-private|https://accounts.spotify.com/authorize|https://accounts.spotify.com/api/token|https://api.spotify.com/v1/me
            trakt|Trakt|22|true||https://trakt.tv/oauth/authorize|https://api.trakt.tv/oauth/token|https://api.trakt.tv/users/settings
            twitch|Twitch|23|true|user:read:email|https://id.twitch.tv/oauth2/authorize|https://id.twitch.tv/oauth2/token|https://api.twitch.tv/helix/users
            patreon|Patreon|24|true|identity identity[email]|https://www.patreon.com/oauth2/authorize|https://www.patreon.com/api/oauth2/token|https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=full_name,email,vanity,image_url,is_email_verified
            strava|Strava|25|true|profile:read_all|https://www.strava.com/oauth/authorize|https://www.strava.com/api/v3/oauth/token|https://www.strava.com/api/v3/athlete
            wakatime|WakaTime|26|true|email|https://wakatime.com/oauth/authorize|https://wakatime.com/oauth/token|https://wakatime.com/api/v1/users/current
            livechat|LiveChat|27|true||https://accounts.livechat.com/|https://accounts.livechat.com/token|https://accounts.livechat.com/v2/accounts/me
            mailcow|mailcow|28|true|profile|||
            planningcenter|Planning Center|29|true|people|https://api.planningcenteronline.com/oauth/authorize|https://api.planningcenteronline.com/oauth/token|https://api.planningcenteronline.com/people/v2/me
            oidc|OIDC|99|true|openid email profile|||
            oidc2|OIDC|99|true|openid email profile|||
            oidc3|OIDC|99|true|openid email profile|||
            """)
    void eachProviderHasUpstreamsDefaults(String name, String displayName, int order, boolean pkce, String scopes,
                                          String authURL, String tokenURL, String userInfoURL) {
        ProviderSpec s = Providers.find(name).orElseThrow();
        assertEquals(displayName, s.displayName());
        assertEquals(order, s.order());
        assertEquals(pkce, s.pkce());
        assertEquals(scopes == null ? List.of() : List.of(scopes.split(" ")), s.scopes());
        assertEquals(authURL == null ? "" : authURL, s.authURL());
        assertEquals(tokenURL == null ? "" : tokenURL, s.tokenURL());
        assertEquals(userInfoURL == null ? "" : userInfoURL, s.userInfoURL());
    }

    @Test
    void theProviderListIsInUpstreamOrderThenByName() {
        List<String> names = Providers.listed().stream().map(ProviderSpec::name).toList();
        assertEquals(List.of("apple", "google", "microsoft", "yandex", "facebook", "instagram2", "github", "gitlab",
                "bitbucket", "gitee", "gitea", "discord", "twitter", "kakao", "vk", "linear", "notion", "monday",
                "lark", "box", "spotify", "trakt", "twitch", "patreon", "strava", "wakatime", "livechat", "mailcow",
                "planningcenter", "oidc", "oidc2", "oidc3"), names);
    }

    @Test
    void pkceChallengeIsTheRfc7636S256Value() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                AuthUrl.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void emptyConfigValuesFallBackToTheProviderDefaultsAndNullPkceKeepsTheDefault() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "gitlab");
        raw.put("clientId", "id");
        raw.put("clientSecret", "s");
        raw.put("authURL", "");
        raw.put("tokenURL", "https://git.example.com/oauth/token");
        raw.put("pkce", null);
        raw.put("extra", null);
        ProviderConfig p = ProviderConfig.of(raw).orElseThrow();
        assertEquals("https://gitlab.com/oauth/authorize", p.authURL());
        assertEquals("https://git.example.com/oauth/token", p.tokenURL());
        assertEquals("GitLab", p.displayName());
        assertTrue(p.pkce());
        raw.put("pkce", false);
        assertFalse(ProviderConfig.of(raw).orElseThrow().pkce());
    }

    @Test
    void anAuthUrlWithAQueryIsExtendedWithAmpersandAndScopesAreOmittedWhenThereAreNone() {
        Map<String, Object> raw = Map.of("name", "notion", "clientId", "n", "clientSecret", "s",
                "authURL", "https://idp.example.com/authorize?tenant=a", "pkce", false);
        String url = AuthUrl.build(ProviderConfig.of(raw).orElseThrow(), "st", "");
        assertEquals("https://idp.example.com/authorize?tenant=a&client_id=n&response_type=code&state=st&redirect_uri=",
                url);
    }

    @Test
    void microsoftAsksForOpenidWhenAnIdTokenEmailClaimIsConfigured() {
        Map<String, Object> raw = Map.of("name", "microsoft", "clientId", "m", "clientSecret", "s",
                "extra", Map.of("idTokenEmailClaim", "email"));
        assertEquals(List.of("User.Read", "openid"), ProviderConfig.of(raw).orElseThrow().scopes());
    }

    @Test
    void configSkipsUnknownProvidersAndReadsMappedFields() {
        Map<String, Object> oauth2 = Map.of("enabled", true,
                "mappedFields", Map.of("name", "fullName", "username", "handle"),
                "providers", List.of(Map.of("name", "nope"), Map.of("name", "google", "clientId", "g")));
        AuthOptions o = new AuthOptions(AccessRule.PUBLIC, AccessRule.LOCKED, new PasswordAuth(true, List.of("email")),
                new TokenConfig("", 1), new TokenConfig("", 1), new TokenConfig("", 1), new TokenConfig("", 1),
                new TokenConfig("", 1), Map.of("oauth2", oauth2));
        OAuth2Config c = OAuth2Config.of(o);
        assertTrue(c.enabled());
        assertEquals(List.of("google"), c.providers().stream().map(ProviderConfig::name).toList());
        assertEquals("fullName", c.mappedField("name"));
        assertEquals("", c.mappedField("avatarURL"));
    }

    /**
     * Issue 14: GitHub's profile {@code email} is whatever the account set as public (never checked), so
     * it is not used; the address comes from the verified primary entry of {@code /user/emails}.
     */
    @Test
    void githubIdsAreWholeNumbersAndItsProfileEmailIsNeverTrusted() {
        Map<String, Object> raw = Map.of("id", 583231L, "login", "octocat", "name", "The Octocat",
                "email", "octo@example.com", "avatar_url", "https://avatars.example.com/u/583231");
        OAuth2User u = map("github", raw);
        assertEquals("583231", u.id());
        assertEquals("octocat", u.username());
        assertEquals("", u.email());
        assertEquals("https://avatars.example.com/u/583231", u.avatarURL());
        assertEquals("at", u.accessToken());
        EmailLookup lookup = EmailLookup.after(config("github"), u).orElseThrow();
        assertEquals(ProviderRequest.get("https://api.github.com/user/emails"), lookup.request());
        assertEquals("octo@example.com", lookup.pick(200, """
                [{"email":"other@example.com","verified":true,"primary":false},
                 {"email":"octo@example.com","verified":true,"primary":true}]"""));
    }

    @Test
    void googleAndOidcDropUnverifiedEmails() {
        Map<String, Object> raw = Map.of("sub", "1", "email", "x@example.com", "email_verified", false);
        assertEquals("", map("google", raw).email());
        assertEquals("", map("oidc3", raw).email());
        Map<String, Object> verified = Map.of("sub", "1", "email", "x@example.com", "email_verified", true);
        assertEquals("x@example.com", map("oidc2", verified).email());
    }

    /** OIDC providers such as AWS Cognito send the flag as text or a number (upstream casts it). */
    @ParameterizedTest
    @CsvSource({"'\"true\"',x@example.com", "1,x@example.com", "'\"1\"',x@example.com", "'\"false\"',''",
            "0,''", "'\"yes\"',''", "null,''"})
    void oidcAndAppleCastTheirVerificationFlag(String flagJson, String expected) {
        Map<String, Object> raw = json("{\"sub\":\"1\",\"email\":\"x@example.com\",\"email_verified\":" + flagJson + "}");
        assertEquals(expected, map("oidc", raw).email());
        assertEquals(expected, map("apple", raw).email());
    }

    /** Google declares the flag a bool: any other type fails the login, as Go's decoder does. */
    @Test
    void googleRefusesAVerificationFlagOfTheWrongType() {
        assertThrows(IllegalArgumentException.class,
                () -> map("google", json("{\"sub\":\"1\",\"email\":\"x@example.com\",\"email_verified\":\"true\"}")));
    }

    @Test
    void discordBuildsItsNameAndAvatarUrl() {
        Map<String, Object> raw = Map.of("id", "80351110224678912", "username", "nelly", "discriminator", "1337",
                "avatar", "8342729096ea3675442027381ff50dfe", "verified", true, "email", "nelly@example.com");
        OAuth2User u = map("discord", raw);
        assertEquals("nelly#1337", u.name());
        assertEquals("https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
                u.avatarURL());
        assertEquals("nelly@example.com", u.email());
    }

    @Test
    void discordPrefersTheGlobalNameAndDropsTheZeroDiscriminator() {
        assertEquals("Nelly", map("discord", json("{\"id\":\"1\",\"username\":\"nelly\",\"discriminator\":\"0\","
                + "\"global_name\":\"Nelly\"}")).name());
        OAuth2User u = map("discord", json("{\"id\":\"1\",\"username\":\"nelly\",\"discriminator\":\"0\","
                + "\"email\":\"n@example.com\",\"verified\":false}"));
        assertEquals("nelly", u.name());
        assertEquals("", u.avatarURL());
        assertEquals("", u.email());
    }

    @ParameterizedTest
    @CsvSource({"'\"2012-05-23T09:05:22Z\"',true", "'\"2012-05-23T09:05:22.123+02:00\"',true", "null,false",
            "'\"\"',false", "'\"0001-01-01T00:00:00Z\"',false", "'\"2012-05-23 09:05:22\"',false",
            "'\"2012-05-23T09:05Z\"',false", "'\"2012-13-23T09:05:22Z\"',false"})
    void gitlabReportsTheEmailOnlyWithAConfirmationTime(String confirmedAtJson, boolean reported) {
        OAuth2User u = map("gitlab", json("{\"id\":1,\"email\":\"g@example.com\",\"confirmed_at\":" + confirmedAtJson
                + "}"));
        assertEquals(reported ? "g@example.com" : "", u.email());
    }

    @Test
    void accountsTheProviderReportsInactiveAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> map("gitea", json("{\"id\":1,\"active\":false}")));
        assertThrows(IllegalArgumentException.class,
                () -> map("bitbucket", json("{\"uuid\":\"u\",\"account_status\":\"closed\"}")));
        assertThrows(IllegalArgumentException.class, () -> map("box", json("{\"id\":\"1\",\"status\":\"inactive\"}")));
        assertThrows(IllegalArgumentException.class,
                () -> map("linear", json("{\"data\":{\"viewer\":{\"id\":\"1\",\"active\":false}}}")));
        assertThrows(IllegalArgumentException.class,
                () -> map("monday", json("{\"data\":{\"me\":{\"id\":\"1\",\"enabled\":false}}}")));
        assertThrows(IllegalArgumentException.class, () -> map("mailcow", json("{\"id\":\"1\",\"active\":0}")));
        assertThrows(IllegalArgumentException.class, () -> map("planningcenter",
                json("{\"data\":{\"id\":\"1\",\"attributes\":{\"status\":\"inactive\"}}}")));
        assertThrows(IllegalArgumentException.class, () -> map("vk", json("{\"response\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> map("twitch", json("{\"data\":[]}")));
    }

    @Test
    void smallerRulesOfIndividualProviders() {
        // Yandex builds no avatar when the account has none
        assertEquals("", map("yandex", json("{\"id\":\"1\",\"is_avatar_empty\":true,\"default_avatar_id\":\"x\"}"))
                .avatarURL());
        // Strava: a zero id stays empty, and the name is both parts joined as they are
        OAuth2User strava = map("strava", json("{\"id\":0,\"firstname\":\"Ann\"}"));
        assertEquals("", strava.id());
        assertEquals("Ann ", strava.name());
        // Kakao needs both the valid and the verified flag
        assertEquals("", map("kakao", json("{\"id\":1,\"kakao_account\":{\"email\":\"k@example.com\","
                + "\"is_email_valid\":true,\"is_email_verified\":false}}")).email());
        // WakaTime shows the photo only when it is public
        assertEquals("", map("wakatime", json("{\"data\":{\"id\":\"w\",\"photo\":\"https://p\","
                + "\"photo_public\":false}}")).avatarURL());
        // mailcow's username is the local part of its address
        assertEquals("jane", map("mailcow", json("{\"id\":\"1\",\"username\":\"jane@example.com\",\"active\":1}"))
                .username());
        // VK's name is trimmed when a part is missing, and its email comes from the token response
        UserMapping.Tokens vkTokens = new UserMapping.Tokens("at", "", Optional.empty(),
                Map.of("email", "v@example.com"), Map.of());
        OAuth2User vk = UserMapping.map(config("vk"), json("{\"response\":[{\"id\":5,\"first_name\":\"Solo\"}]}"),
                vkTokens);
        assertEquals("Solo", vk.name());
        assertEquals("v@example.com", vk.email());
        // Facebook's struct has no JSON tags, so keys match whatever their case
        assertEquals("https://p/x.jpg", map("facebook", json("{\"ID\":\"9\",\"Picture\":{\"Data\":{\"URL\":"
                + "\"https://p/x.jpg\"}}}")).avatarURL());
    }

    @Test
    void instagramKeepsThePermissionsOfItsTokenResponseInTheRawUser() {
        UserMapping.Tokens tokens = new UserMapping.Tokens("at", "", Optional.empty(),
                Map.of("permissions", List.of("instagram_business_basic")), Map.of());
        OAuth2User u = UserMapping.map(config("instagram2"), json("{\"id\":\"1\",\"user_id\":\"2\"}"), tokens);
        assertEquals("2", u.id());
        assertEquals(List.of("instagram_business_basic"), u.rawUser().get("permissions"));
        OAuth2User own = UserMapping.map(config("instagram2"), json("{\"user_id\":\"2\",\"permissions\":\"x\"}"), tokens);
        assertEquals("x", own.rawUser().get("permissions"));
    }

    @Test
    void microsoftTakesTheConfiguredIdTokenClaimAsItsEmail() {
        Map<String, Object> claims = Map.of("email", "me@contoso.example", "xms_edov", true,
                "verified_primary_email", List.of("primary@contoso.example"));
        Map<String, Object> graph = Map.of("id", "m", "mail", "graph@contoso.example");
        assertEquals("me@contoso.example", microsoft("email", claims, graph));
        assertEquals("primary@contoso.example", microsoft("verified_primary_email", claims, graph));
        assertEquals("me@contoso.example", microsoft("email_and_xms_edov", claims, graph));
        assertEquals("primary@contoso.example", microsoft("any_verified", claims, graph));
        Map<String, Object> unverified = Map.of("email", "me@contoso.example", "xms_edov", false);
        assertEquals("", microsoft("email_and_xms_edov", unverified, graph));
        assertEquals("", microsoft("any_verified", unverified, graph));
        // upstream reads verified_primary_email as a string; an unknown mode keeps Graph's mail
        assertEquals("p@contoso.example", microsoft("verified_primary_email",
                Map.of("verified_primary_email", "p@contoso.example"), graph));
        assertEquals("graph@contoso.example", microsoft("something_else", claims, graph));
    }

    @Test
    void providersWithTheirOwnRequestShapes() {
        assertEquals(new UserSource.UserInfo(new ProviderRequest("POST", "https://api.linear.app/graphql",
                        Map.of("Content-Type", "application/json"),
                        "{\"query\": \"query Me { viewer { id displayName name email avatarUrl active } }\"}")),
                config("linear").userSource());
        assertEquals(new UserSource.UserInfo(new ProviderRequest("POST", "https://api.monday.com/v2",
                        Map.of("Content-Type", "application/json"),
                        "{\"query\": \"query { me { id enabled name email is_verified photo_small }}\"}")),
                config("monday").userSource());
        assertEquals(Map.of("Notion-Version", "2022-06-28"), userInfo("notion").headers());
        assertEquals(Map.of("Client-Id", "client"), userInfo("twitch").headers());
        assertEquals(Map.of("Content-type", "application/json", "trakt-api-key", "client", "trakt-api-version", "2"),
                userInfo("trakt").headers());
        assertEquals(ProviderRequest.get("https://graph.facebook.com/me?fields=name,email,picture.type(large)"),
                userInfo("facebook"));
        UserSource.IdToken apple = assertInstanceOf(UserSource.IdToken.class, config("apple").userSource());
        assertEquals("https://appleid.apple.com/auth/keys", apple.jwksURL());
        assertEquals(new IdTokenCheck(true, true, Optional.of("client"), List.of("https://appleid.apple.com")),
                apple.check());
        Map<String, Object> oidc = Map.of("name", "oidc", "clientId", "client",
                "extra", Map.of("jwksURL", "https://idp/keys", "issuers", List.of("https://idp")));
        assertEquals(new UserSource.IdToken("https://idp/keys",
                        new IdTokenCheck(false, true, Optional.of("client"), List.of("https://idp"))),
                ProviderConfig.of(oidc).orElseThrow().userSource());
    }

    @Test
    void emailListsFollowEachProvidersRules() {
        EmailLookup github = EmailLookup.after(config("github"), map("github", json("{\"id\":1}"))).orElseThrow();
        for (int refused : List.of(401, 403, 404)) {
            assertEquals("", github.pick(refused, "not json"));
        }
        assertThrows(IllegalArgumentException.class, () -> github.pick(500, "<html>"));
        assertThrows(IllegalArgumentException.class, () -> github.pick(200, "{\"email\":\"x@example.com\"}"));
        assertEquals("", github.pick(200, "[{\"email\":\"x@example.com\",\"verified\":false,\"primary\":true}]"));

        EmailLookup bitbucket = EmailLookup.after(config("bitbucket"),
                map("bitbucket", json("{\"uuid\":\"u\",\"account_status\":\"active\"}"))).orElseThrow();
        assertEquals("", bitbucket.pick(500, "<html>"));
        assertEquals("", bitbucket.pick(200, "{\"values\":[{\"email\":\"b@example.com\",\"is_primary\":true,"
                + "\"is_confirmed\":false}]}"));

        OAuth2User giteeWithEmail = map("gitee", json("{\"id\":1,\"email\":\"public@example.com\"}"));
        assertEquals("public@example.com", giteeWithEmail.email());
        assertTrue(EmailLookup.after(config("gitee"), giteeWithEmail).isEmpty());
        EmailLookup gitee = EmailLookup.after(config("gitee"), map("gitee", json("{\"id\":1,\"email\":\"nope\"}")))
                .orElseThrow();
        assertEquals("https://gitee.com/api/v5/emails", gitee.request().url());
        assertEquals("", gitee.pick(200, "<html>"));
        assertEquals("g@example.com", gitee.pick(200, "[{\"email\":\"g@example.com\",\"state\":\"confirmed\","
                + "\"scope\":[\"primary\"]}]"));

        assertTrue(EmailLookup.after(config("google"), map("google", json("{\"sub\":\"1\"}"))).isEmpty());
    }

    @Test
    void typedReadsFollowGoDecoding() {
        TypedJson j = TypedJson.of(json("{\"ID\":7,\"id\":8,\"n\":null,\"f\":1.0,\"big\":12345678901234567890,"
                + "\"s\":\"x\",\"o\":{\"a\":[\"b\",null]}}"));
        assertEquals(8, j.int64("Id"));
        assertEquals("", j.text("n"));
        assertThrows(TypedJson.Mismatch.class, () -> j.int64("f"));
        assertThrows(TypedJson.Mismatch.class, () -> j.int64("big"));
        assertThrows(TypedJson.Mismatch.class, () -> j.text("id"));
        assertThrows(TypedJson.Mismatch.class, () -> j.bool("s"));
        assertThrows(TypedJson.Mismatch.class, () -> j.object("s"));
        assertEquals(List.of("b", ""), j.object("o").texts("a"));
        assertEquals("", j.object("missing").text("x"));
        assertThrows(TypedJson.Mismatch.class, () -> TypedJson.of(List.of()));
        // a GitHub id sent as text is a payload of the wrong shape
        assertThrows(IllegalArgumentException.class, () -> map("github", json("{\"id\":\"583231\"}")));
    }

    @Test
    void idTokenClaimsAreCheckedLikeUpstreamsJwtValidator() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        long t = now.getEpochSecond();
        IdTokenCheck apple = new IdTokenCheck(true, true, Optional.of("app"), List.of("https://appleid.apple.com"));
        Map<String, Object> ok = Map.of("aud", "app", "iss", "https://appleid.apple.com", "exp", t + 10, "iat", t);
        apple.verify(ok, now, IdTokenCheck.LEEWAY_SECONDS);
        Map<String, Object> noExp = new LinkedHashMap<>(ok);
        noExp.remove("exp");
        assertThrows(IllegalArgumentException.class, () -> apple.verify(noExp, now, 300));
        with(ok, "exp", t - 299, claims -> apple.verify(claims, now, 300));
        with(ok, "exp", t - 301, claims -> assertThrows(IllegalArgumentException.class,
                () -> apple.verify(claims, now, 300)));
        with(ok, "exp", t - 1, claims -> assertThrows(IllegalArgumentException.class,
                () -> IdTokenCheck.SIGNED.verify(claims, now, 0)));
        with(ok, "iat", t + 301, claims -> assertThrows(IllegalArgumentException.class,
                () -> apple.verify(claims, now, 300)));
        with(ok, "nbf", t + 301, claims -> assertThrows(IllegalArgumentException.class,
                () -> apple.verify(claims, now, 300)));
        with(ok, "exp", String.valueOf(t + 10), claims -> assertThrows(IllegalArgumentException.class,
                () -> apple.verify(claims, now, 300)));
        with(ok, "aud", List.of("other", "app"), claims -> apple.verify(claims, now, 300));
        with(ok, "aud", List.of(), claims -> assertThrows(IllegalArgumentException.class,
                () -> apple.verify(claims, now, 300)));
        with(ok, "iss", "https://evil.example", claims -> assertThrows(IllegalArgumentException.class,
                () -> apple.verify(claims, now, 300)));
        IdTokenCheck oidc = new IdTokenCheck(false, true, Optional.of("app"), List.of());
        assertThrows(IllegalArgumentException.class, () -> oidc.verify(Map.of("sub", "1"), now, 300));
        oidc.verify(Map.of("aud", "app", "iss", "anyone"), now, 300);
    }

    private static void with(Map<String, Object> base, String key, Object value,
                             java.util.function.Consumer<Map<String, Object>> check) {
        Map<String, Object> claims = new LinkedHashMap<>(base);
        claims.put(key, value);
        check.accept(claims);
    }

    private static String microsoft(String mode, Map<String, Object> claims, Map<String, Object> graph) {
        ProviderConfig p = ProviderConfig.of(Map.of("name", "microsoft", "clientId", "c",
                "extra", Map.of("idTokenEmailClaim", mode))).orElseThrow();
        return UserMapping.map(p, graph, new UserMapping.Tokens("at", "", Optional.empty(), Map.of(), claims)).email();
    }

    private static ProviderRequest userInfo(String provider) {
        return assertInstanceOf(UserSource.UserInfo.class, config(provider).userSource()).request();
    }

    private static ProviderConfig config(String provider) {
        return ProviderConfig.of(Map.of("name", provider, "clientId", "client")).orElseThrow();
    }

    private static OAuth2User map(String provider, Map<String, Object> raw) {
        return UserMapping.map(config(provider), raw, TOKENS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }
}

package dev.locket.domain.auth.oauth2;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The provider names PocketBase v0.39 knows, with their defaults (auth.md §4.1 and §6.3). */
public final class Providers {
    private static final Map<String, ProviderSpec> ALL = catalogue();

    private Providers() {
    }

    public static Optional<ProviderSpec> find(String name) {
        return Optional.ofNullable(name == null ? null : ALL.get(name));
    }

    /** Known names in sorted order. */
    public static Set<String> names() {
        return ALL.keySet();
    }

    /** Every provider as upstream's provider list shows them: by {@code order}, then by name. */
    public static List<ProviderSpec> listed() {
        return ALL.values().stream()
                .sorted(Comparator.comparingInt(ProviderSpec::order).thenComparing(ProviderSpec::name))
                .toList();
    }

    private static Map<String, ProviderSpec> catalogue() {
        Map<String, ProviderSpec> m = new TreeMap<>();
        add(m, new ProviderSpec("apple", ProviderKind.APPLE, "Apple", 1, true, List.of("name", "email"),
                "https://appleid.apple.com/auth/authorize", "https://appleid.apple.com/auth/token", "",
                "https://appleid.apple.com/auth/keys"));
        add(m, spec("google", ProviderKind.GOOGLE, "Google", 2, true,
                "https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email",
                "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
                "https://www.googleapis.com/oauth2/v3/userinfo"));
        add(m, spec("microsoft", ProviderKind.MICROSOFT, "Microsoft", 3, true, "User.Read",
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com/v1.0/me"));
        add(m, spec("yandex", ProviderKind.YANDEX, "Yandex", 4, true, "login:email login:avatar login:info",
                "https://oauth.yandex.com/authorize", "https://oauth.yandex.com/token", "https://login.yandex.ru/info"));
        add(m, spec("facebook", ProviderKind.FACEBOOK, "Facebook", 5, true, "email",
                "https://www.facebook.com/v3.2/dialog/oauth", "https://graph.facebook.com/v3.2/oauth/access_token",
                "https://graph.facebook.com/me?fields=name,email,picture.type(large)"));
        add(m, spec("instagram2", ProviderKind.INSTAGRAM, "Instagram", 6, true, "instagram_business_basic",
                "https://www.instagram.com/oauth/authorize", "https://api.instagram.com/oauth/access_token",
                "https://graph.instagram.com/me?fields=id,username,account_type,user_id,name,profile_picture_url,"
                        + "followers_count,follows_count,media_count"));
        add(m, spec("github", ProviderKind.GITHUB, "GitHub", 7, true, "read:user user:email",
                "https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
                "https://api.github.com/user"));
        add(m, spec("gitlab", ProviderKind.GITLAB, "GitLab", 8, true, "read_user", "https://gitlab.com/oauth/authorize",
                "https://gitlab.com/oauth/token", "https://gitlab.com/api/v4/user"));
        add(m, spec("bitbucket", ProviderKind.BITBUCKET, "Bitbucket", 9, false, "account",
                "https://bitbucket.org/site/oauth2/authorize", "https://bitbucket.org/site/oauth2/access_token",
                "https://api.bitbucket.org/2.0/user"));
        add(m, spec("gitee", ProviderKind.GITEE, "Gitee", 10, true, "user_info emails",
                "https://gitee.com/oauth/authorize", "https://gitee.com/oauth/token", "https://gitee.com/api/v5/user"));
        add(m, spec("gitea", ProviderKind.GITEA, "Gitea/Forgejo", 11, true, "read:user user:email",
                "https://gitea.com/login/oauth/authorize", "https://gitea.com/login/oauth/access_token",
                "https://gitea.com/api/v1/user"));
        add(m, spec("discord", ProviderKind.DISCORD, "Discord", 12, true, "identify email",
                "https://discord.com/api/oauth2/authorize", "https://discord.com/api/oauth2/token",
                "https://discord.com/api/users/@me"));
        add(m, spec("twitter", ProviderKind.TWITTER, "X/Twitter", 13, true, "users.read users.email tweet.read",
                "https://x.com/i/oauth2/authorize", "https://api.x.com/2/oauth2/token",
                "https://api.x.com/2/users/me?user.fields=id,name,username,profile_image_url,confirmed_email"));
        add(m, spec("kakao", ProviderKind.KAKAO, "Kakao", 14, true, "account_email profile_nickname profile_image",
                "https://kauth.kakao.com/oauth/authorize", "https://kauth.kakao.com/oauth/token",
                "https://kapi.kakao.com/v2/user/me"));
        add(m, spec("vk", ProviderKind.VK, "ВКонтакте", 15, false, "email", "https://oauth.vk.com/authorize",
                "https://oauth.vk.com/access_token",
                "https://api.vk.com/method/users.get?fields=photo_max,screen_name&v=5.131"));
        add(m, spec("linear", ProviderKind.LINEAR, "Linear", 16, false, "read", "https://linear.app/oauth/authorize",
                "https://api.linear.app/oauth/token", "https://api.linear.app/graphql"));
        add(m, spec("notion", ProviderKind.NOTION, "Notion", 17, true, "", "https://api.notion.com/v1/oauth/authorize",
                "https://api.notion.com/v1/oauth/token", "https://api.notion.com/v1/users/me"));
        add(m, spec("monday", ProviderKind.MONDAY, "monday.com", 18, true, "me:read",
                "https://auth.monday.com/oauth2/authorize", "https://auth.monday.com/oauth2/token",
                "https://api.monday.com/v2"));
        add(m, spec("lark", ProviderKind.LARK, "Lark", 19, true, "",
                "https://accounts.feishu.cn/open-apis/authen/v1/authorize",
                "https://open.feishu.cn/open-apis/authen/v2/oauth/token",
                "https://open.feishu.cn/open-apis/authen/v1/user_info"));
        add(m, spec("box", ProviderKind.BOX, "Box", 20, true, "root_readonly",
                "https://account.box.com/api/oauth2/authorize", "https://api.box.com/oauth2/token",
                "https://api.box.com/2.0/users/me"));
        add(m, spec("spotify", ProviderKind.SPOTIFY, "Spotify", 21, true, "user-read-private",
                "https://accounts.spotify.com/authorize", "https://accounts.spotify.com/api/token",
                "https://api.spotify.com/v1/me"));
        add(m, spec("trakt", ProviderKind.TRAKT, "Trakt", 22, true, "", "https://trakt.tv/oauth/authorize",
                "https://api.trakt.tv/oauth/token", "https://api.trakt.tv/users/settings"));
        add(m, spec("twitch", ProviderKind.TWITCH, "Twitch", 23, true, "user:read:email",
                "https://id.twitch.tv/oauth2/authorize", "https://id.twitch.tv/oauth2/token",
                "https://api.twitch.tv/helix/users"));
        add(m, spec("patreon", ProviderKind.PATREON, "Patreon", 24, true, "identity identity[email]",
                "https://www.patreon.com/oauth2/authorize", "https://www.patreon.com/api/oauth2/token",
                "https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=full_name,email,vanity,image_url,"
                        + "is_email_verified"));
        add(m, spec("strava", ProviderKind.STRAVA, "Strava", 25, true, "profile:read_all",
                "https://www.strava.com/oauth/authorize", "https://www.strava.com/api/v3/oauth/token",
                "https://www.strava.com/api/v3/athlete"));
        add(m, spec("wakatime", ProviderKind.WAKATIME, "WakaTime", 26, true, "email",
                "https://wakatime.com/oauth/authorize", "https://wakatime.com/oauth/token",
                "https://wakatime.com/api/v1/users/current"));
        add(m, spec("livechat", ProviderKind.LIVECHAT, "LiveChat", 27, true, "", "https://accounts.livechat.com/",
                "https://accounts.livechat.com/token", "https://accounts.livechat.com/v2/accounts/me"));
        add(m, spec("mailcow", ProviderKind.MAILCOW, "mailcow", 28, true, "profile", "", "", ""));
        add(m, spec("planningcenter", ProviderKind.PLANNINGCENTER, "Planning Center", 29, true, "people",
                "https://api.planningcenteronline.com/oauth/authorize",
                "https://api.planningcenteronline.com/oauth/token",
                "https://api.planningcenteronline.com/people/v2/me"));
        for (String oidc : List.of("oidc", "oidc2", "oidc3")) {
            add(m, spec(oidc, ProviderKind.OIDC, "OIDC", 99, true, "openid email profile", "", "", ""));
        }
        return Collections.unmodifiableMap(m);
    }

    private static ProviderSpec spec(String name, ProviderKind kind, String displayName, int order, boolean pkce,
                                     String scopes, String authURL, String tokenURL, String userInfoURL) {
        List<String> scopeList = scopes.isEmpty() ? List.of() : List.of(scopes.split(" "));
        return new ProviderSpec(name, kind, displayName, order, pkce, scopeList, authURL, tokenURL, userInfoURL, "");
    }

    private static void add(Map<String, ProviderSpec> m, ProviderSpec spec) {
        m.put(spec.name(), spec);
    }
}

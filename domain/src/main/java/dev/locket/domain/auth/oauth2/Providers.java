package dev.locket.domain.auth.oauth2;

import dev.locket.domain.auth.oauth2.ProviderSpec.UserSource;
import java.util.Collections;
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

    private static Map<String, ProviderSpec> catalogue() {
        Map<String, ProviderSpec> m = new TreeMap<>();
        add(m, "apple", "Apple", true, "name email", "https://appleid.apple.com/auth/authorize",
                "https://appleid.apple.com/auth/token", "", UserSource.ID_TOKEN);
        add(m, "google", "Google", true,
                "https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/userinfo.email",
                "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
                "https://www.googleapis.com/oauth2/v3/userinfo", UserSource.USER_INFO);
        add(m, "microsoft", "Microsoft", true, "User.Read",
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com/v1.0/me",
                UserSource.USER_INFO);
        add(m, "yandex", "Yandex", true, "login:email login:avatar login:info", "https://oauth.yandex.com/authorize",
                "https://oauth.yandex.com/token", "https://login.yandex.ru/info", UserSource.USER_INFO);
        add(m, "facebook", "Facebook", true, "email", "https://www.facebook.com/v3.2/dialog/oauth",
                "https://graph.facebook.com/v3.2/oauth/access_token",
                "https://graph.facebook.com/me?fields=name,email,picture.type(large)", UserSource.USER_INFO);
        add(m, "instagram2", "Instagram", true, "instagram_business_basic", "https://www.instagram.com/oauth/authorize",
                "https://api.instagram.com/oauth/access_token",
                "https://graph.instagram.com/me?fields=id,username,account_type,user_id,name,profile_picture_url,"
                        + "followers_count,follows_count,media_count", UserSource.USER_INFO);
        add(m, "github", "GitHub", true, "read:user user:email", "https://github.com/login/oauth/authorize",
                "https://github.com/login/oauth/access_token", "https://api.github.com/user", UserSource.GITHUB);
        add(m, "gitlab", "GitLab", true, "read_user", "https://gitlab.com/oauth/authorize",
                "https://gitlab.com/oauth/token", "https://gitlab.com/api/v4/user", UserSource.USER_INFO);
        add(m, "bitbucket", "Bitbucket", false, "account", "https://bitbucket.org/site/oauth2/authorize",
                "https://bitbucket.org/site/oauth2/access_token", "https://api.bitbucket.org/2.0/user",
                UserSource.USER_INFO);
        add(m, "gitee", "Gitee", true, "user_info emails", "https://gitee.com/oauth/authorize",
                "https://gitee.com/oauth/token", "https://gitee.com/api/v5/user", UserSource.USER_INFO);
        add(m, "gitea", "Gitea/Forgejo", true, "read:user user:email", "https://gitea.com/login/oauth/authorize",
                "https://gitea.com/login/oauth/access_token", "https://gitea.com/api/v1/user", UserSource.USER_INFO);
        add(m, "discord", "Discord", true, "identify email", "https://discord.com/api/oauth2/authorize",
                "https://discord.com/api/oauth2/token", "https://discord.com/api/users/@me", UserSource.USER_INFO);
        add(m, "twitter", "X/Twitter", true, "users.read users.email tweet.read", "https://x.com/i/oauth2/authorize",
                "https://api.x.com/2/oauth2/token",
                "https://api.x.com/2/users/me?user.fields=id,name,username,profile_image_url,confirmed_email",
                UserSource.USER_INFO);
        add(m, "kakao", "Kakao", true, "account_email profile_nickname profile_image",
                "https://kauth.kakao.com/oauth/authorize", "https://kauth.kakao.com/oauth/token",
                "https://kapi.kakao.com/v2/user/me", UserSource.USER_INFO);
        add(m, "vk", "ВКонтакте", false, "email", "https://oauth.vk.com/authorize", "https://oauth.vk.com/access_token",
                "https://api.vk.com/method/users.get?fields=photo_max,screen_name&v=5.131", UserSource.USER_INFO);
        add(m, "linear", "Linear", false, "read", "https://linear.app/oauth/authorize",
                "https://api.linear.app/oauth/token", "https://api.linear.app/graphql", UserSource.USER_INFO);
        add(m, "notion", "Notion", true, "", "https://api.notion.com/v1/oauth/authorize",
                "https://api.notion.com/v1/oauth/token", "https://api.notion.com/v1/users/me", UserSource.USER_INFO);
        add(m, "monday", "monday.com", true, "me:read", "https://auth.monday.com/oauth2/authorize",
                "https://auth.monday.com/oauth2/token", "https://api.monday.com/v2", UserSource.USER_INFO);
        add(m, "lark", "Lark", true, "", "https://accounts.feishu.cn/open-apis/authen/v1/authorize",
                "https://open.feishu.cn/open-apis/authen/v2/oauth/token",
                "https://open.feishu.cn/open-apis/authen/v1/user_info", UserSource.USER_INFO);
        add(m, "box", "Box", true, "root_readonly", "https://account.box.com/api/oauth2/authorize",
                "https://api.box.com/oauth2/token", "https://api.box.com/2.0/users/me", UserSource.USER_INFO);
        add(m, "spotify", "Spotify", true, "user-read-private", "https://accounts.spotify.com/authorize",
                "https://accounts.spotify.com/api/token", "https://api.spotify.com/v1/me", UserSource.USER_INFO);
        add(m, "trakt", "Trakt", true, "", "https://trakt.tv/oauth/authorize", "https://api.trakt.tv/oauth/token",
                "https://api.trakt.tv/users/settings", UserSource.USER_INFO);
        add(m, "twitch", "Twitch", true, "user:read:email", "https://id.twitch.tv/oauth2/authorize",
                "https://id.twitch.tv/oauth2/token", "https://api.twitch.tv/helix/users", UserSource.USER_INFO);
        add(m, "patreon", "Patreon", true, "identity identity[email]", "https://www.patreon.com/oauth2/authorize",
                "https://www.patreon.com/api/oauth2/token",
                "https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=full_name,email,vanity,image_url,"
                        + "is_email_verified", UserSource.USER_INFO);
        add(m, "strava", "Strava", true, "profile:read_all", "https://www.strava.com/oauth/authorize",
                "https://www.strava.com/api/v3/oauth/token", "https://www.strava.com/api/v3/athlete",
                UserSource.USER_INFO);
        add(m, "wakatime", "WakaTime", true, "email", "https://wakatime.com/oauth/authorize",
                "https://wakatime.com/oauth/token", "https://wakatime.com/api/v1/users/current", UserSource.USER_INFO);
        add(m, "livechat", "LiveChat", true, "", "https://accounts.livechat.com/", "https://accounts.livechat.com/token",
                "https://accounts.livechat.com/v2/accounts/me", UserSource.USER_INFO);
        add(m, "mailcow", "mailcow", true, "profile", "", "", "", UserSource.USER_INFO);
        add(m, "planningcenter", "Planning Center", true, "people",
                "https://api.planningcenteronline.com/oauth/authorize",
                "https://api.planningcenteronline.com/oauth/token",
                "https://api.planningcenteronline.com/people/v2/me", UserSource.USER_INFO);
        for (String oidc : List.of("oidc", "oidc2", "oidc3")) {
            add(m, oidc, "OIDC", true, "openid email profile", "", "", "", UserSource.OIDC);
        }
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, ProviderSpec> m, String name, String displayName, boolean pkce, String scopes,
                            String authURL, String tokenURL, String userInfoURL, UserSource source) {
        List<String> scopeList = scopes.isEmpty() ? List.of() : List.of(scopes.split(" "));
        m.put(name, new ProviderSpec(name, displayName, pkce, scopeList, authURL, tokenURL, userInfoURL, source));
    }
}

package dev.locket.domain.auth.oauth2;

/**
 * The built-in OAuth2 provider implementations of PocketBase v0.39: each reads its user its own way
 * ({@link UserMapping}). The three OpenID Connect names ({@code oidc}, {@code oidc2}, {@code oidc3})
 * share one.
 */
public enum ProviderKind {
    APPLE, BITBUCKET, BOX, DISCORD, FACEBOOK, GITEA, GITEE, GITHUB, GITLAB, GOOGLE, INSTAGRAM, KAKAO, LARK, LINEAR,
    LIVECHAT, MAILCOW, MICROSOFT, MONDAY, NOTION, OIDC, PATREON, PLANNINGCENTER, SPOTIFY, STRAVA, TRAKT, TWITCH,
    TWITTER, VK, WAKATIME, YANDEX
}

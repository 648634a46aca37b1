package dev.locket.domain.auth.oauth2;

import dev.locket.domain.field.Casts;
import dev.locket.domain.field.EmailField;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a provider's raw user (JSON-shaped) to an {@link OAuth2User} exactly as that provider does
 * upstream: which keys hold the id, name, username and avatar, and the email only when the provider
 * vouches for it (its own verification flag where it reports one). Providers that need a second call
 * for the email fill it in afterwards ({@link EmailLookup}). A payload of the wrong shape, or an
 * account the provider reports as inactive, is refused with an {@link IllegalArgumentException}.
 */
public final class UserMapping {
    /** Go's {@code time.RFC3339} layout (seconds required, optional fraction, {@code Z} or {@code ±hh:mm}). */
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

    private UserMapping() {
    }

    /**
     * What the code exchange returned: {@code extra} is the whole token response (VK's email and
     * Instagram's permissions come from there), {@code idTokenClaims} the already checked claims of its
     * {@code id_token} where a provider reads them besides its user (Microsoft), else empty.
     */
    public record Tokens(String accessToken, String refreshToken, Optional<Instant> expiry, Map<String, Object> extra,
                         Map<String, Object> idTokenClaims) {
        public Tokens {
            extra = extra == null ? Map.of() : extra;
            idTokenClaims = idTokenClaims == null ? Map.of() : idTokenClaims;
        }

        public Tokens(String accessToken, String refreshToken, Optional<Instant> expiry) {
            this(accessToken, refreshToken, expiry, Map.of(), Map.of());
        }
    }

    private record Found(String id, String name, String username, String email, String avatarURL) {
    }

    public static OAuth2User map(ProviderConfig p, Map<String, Object> raw, Tokens tokens) {
        TypedJson j = TypedJson.of(raw);
        Map<String, Object> rawUser = raw;
        Found f = switch (p.spec().kind()) {
            // Apple and OpenID Connect providers send email_verified as a bool, a string or a number
            case APPLE -> new Found(j.text("sub"), j.text("name"), "",
                    verified(j.text("email"), Casts.toBool(j.any("email_verified"))), "");
            case OIDC -> new Found(j.text("sub"), j.text("name"), j.text("preferred_username"),
                    verified(j.text("email"), Casts.toBool(j.any("email_verified"))), j.text("picture"));
            case GOOGLE -> new Found(j.text("sub"), j.text("name"), "",
                    verified(j.text("email"), j.bool("email_verified")), j.text("picture"));
            case MICROSOFT -> microsoft(p, j, tokens.idTokenClaims());
            case YANDEX -> yandex(j);
            case FACEBOOK -> new Found(j.text("id"), j.text("name"), "", j.text("email"),
                    j.object("picture").object("data").text("url"));
            case INSTAGRAM -> {
                if (!raw.containsKey("permissions") && tokens.extra().get("permissions") != null) {
                    rawUser = new LinkedHashMap<>(raw);
                    rawUser.put("permissions", tokens.extra().get("permissions"));
                }
                yield new Found(j.text("user_id"), j.text("name"), j.text("username"), "",
                        j.text("profile_picture_url"));
            }
            // the address comes from the verified primary entry of the emails list (EmailLookup)
            case GITHUB -> new Found(Long.toString(j.int64("id")), j.text("name"), j.text("login"), "",
                    j.text("avatar_url"));
            case GITEA -> gitea(j);
            case BITBUCKET -> bitbucket(j);
            case GITEE -> gitee(j);
            case GITLAB -> gitlab(j);
            case DISCORD -> discord(j);
            case TWITTER -> {
                TypedJson d = j.object("data");
                yield new Found(d.text("id"), d.text("name"), d.text("username"), d.text("confirmed_email"),
                        d.text("profile_image_url"));
            }
            case KAKAO -> kakao(j);
            case VK -> vk(j, tokens.extra());
            case LINEAR -> linear(j);
            case NOTION -> notion(j);
            case MONDAY -> monday(j);
            case LARK -> {
                TypedJson d = j.object("data");
                yield new Found(d.text("union_id"), d.text("name"), "", "", d.text("avatar_url"));
            }
            case BOX -> box(j);
            case SPOTIFY -> {
                List<TypedJson> images = j.objects("images");
                yield new Found(j.text("id"), j.text("display_name"), "", "",
                        images.isEmpty() ? "" : images.get(0).text("url"));
            }
            case TRAKT -> {
                TypedJson u = j.object("user");
                TypedJson ids = u.object("ids");
                ids.text("slug");
                yield new Found(ids.text("uuid"), u.text("name"), u.text("username"), "",
                        u.object("images").object("avatar").text("full"));
            }
            case TWITCH -> twitch(j);
            case PATREON -> patreon(j);
            case STRAVA -> strava(j);
            case WAKATIME -> wakatime(j);
            case LIVECHAT -> new Found(j.text("account_id"), j.text("name"), "",
                    verified(j.text("email"), j.bool("email_verified")), j.text("avatar_url"));
            case MAILCOW -> mailcow(j);
            case PLANNINGCENTER -> planningCenter(j);
        };
        return new OAuth2User(f.id(), f.name(), f.username(), f.email(), f.avatarURL(), rawUser,
                tokens.accessToken(), tokens.refreshToken(), tokens.expiry());
    }

    /**
     * Graph's {@code mail} may be unverified; {@code extra.idTokenEmailClaim} picks an address from the
     * id_token instead: {@code email} (as is), {@code verified_primary_email}, {@code email_and_xms_edov}
     * ({@code email} when {@code xms_edov} is true) or {@code any_verified} (the first of the last two that
     * yields one). Any other value keeps {@code mail}.
     */
    private static Found microsoft(ProviderConfig p, TypedJson j, Map<String, Object> claims) {
        String mail = j.text("mail");
        String email = switch (p.extra().get("idTokenEmailClaim") instanceof String mode ? mode : "") {
            case "email" -> claims.get("email") instanceof String s ? s : "";
            case "verified_primary_email" -> verifiedPrimary(claims);
            case "email_and_xms_edov" -> xmsEdov(claims);
            case "any_verified" -> verifiedPrimary(claims).isEmpty() ? xmsEdov(claims) : verifiedPrimary(claims);
            default -> mail;
        };
        return new Found(j.text("id"), j.text("displayName"), "", email, "");
    }

    /** Upstream reads the claim as a string; Microsoft documents it as a list, whose first entry is taken too. */
    private static String verifiedPrimary(Map<String, Object> claims) {
        return switch (claims.get("verified_primary_email")) {
            case String s -> s;
            case List<?> l when !l.isEmpty() && l.get(0) instanceof String s -> s;
            case null, default -> "";
        };
    }

    private static String xmsEdov(Map<String, Object> claims) {
        return Casts.toBool(claims.get("xms_edov")) && claims.get("email") instanceof String s ? s : "";
    }

    /** Yandex's avatar is built from its id unless the account says it has none. */
    private static Found yandex(TypedJson j) {
        String avatar = j.bool("is_avatar_empty") ? ""
                : "https://avatars.yandex.net/get-yapic/" + j.text("default_avatar_id") + "/islands-200";
        return new Found(j.text("id"), j.text("real_name"), j.text("login"), j.text("default_email"), avatar);
    }

    private static Found gitea(TypedJson j) {
        Found f = new Found(Long.toString(j.int64("id")), j.text("full_name"), j.text("login"), "",
                j.text("avatar_url"));
        if (!j.bool("active")) {
            throw new IllegalArgumentException("user account is not active");
        }
        return f;
    }

    private static Found bitbucket(TypedJson j) {
        Found f = new Found(j.text("uuid"), j.text("display_name"), j.text("username"), "",
                j.object("links").object("avatar").text("href"));
        if (!j.text("account_status").equals("active")) {
            throw new IllegalArgumentException("the Bitbucket user is not active");
        }
        return f;
    }

    /** Gitee's public profile email is taken when it looks like one; otherwise the emails list decides. */
    private static Found gitee(TypedJson j) {
        String email = j.text("email");
        return new Found(Long.toString(j.int64("id")), j.text("name"), j.text("login"),
                EmailField.isEmail(email) ? email : "", j.text("avatar_url"));
    }

    /** GitLab reports an address as confirmed through a non-zero RFC 3339 {@code confirmed_at}. */
    private static Found gitlab(TypedJson j) {
        String email = j.text("email");
        return new Found(Long.toString(j.int64("id")), j.text("name"), j.text("username"),
                verified(email, confirmedAt(j.text("confirmed_at"))), j.text("avatar_url"));
    }

    static boolean confirmedAt(String value) {
        if (!RFC3339.matcher(value).matches()) {
            return false;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(value);
            return !t.toInstant().equals(Instant.parse("0001-01-01T00:00:00Z"));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The global display name, else the username (with a legacy discriminator other than "0"). */
    private static Found discord(TypedJson j) {
        String id = j.text("id");
        String username = j.text("username");
        String discriminator = j.text("discriminator");
        String avatar = j.text("avatar");
        String name = j.text("global_name");
        if (name.isEmpty()) {
            name = discriminator.isEmpty() || discriminator.equals("0") ? username : username + "#" + discriminator;
        }
        String avatarURL = avatar.isEmpty() ? "" : "https://cdn.discordapp.com/avatars/" + id + "/" + avatar + ".png";
        return new Found(id, name, username, verified(j.text("email"), j.bool("verified")), avatarURL);
    }

    /** Kakao's nickname is the username (no name); the email needs both the valid and the verified flag. */
    private static Found kakao(TypedJson j) {
        TypedJson profile = j.object("properties");
        TypedJson account = j.object("kakao_account");
        String email = account.text("email");
        boolean verified = account.bool("is_email_verified");
        boolean valid = account.bool("is_email_valid");
        return new Found(Long.toString(j.int64("id")), "", profile.text("nickname"), verified(email, valid && verified),
                profile.text("profile_image"));
    }

    /** VK answers a list; its email (if granted) is part of the token response. */
    private static Found vk(TypedJson j, Map<String, Object> tokenExtra) {
        List<TypedJson> response = j.objects("response");
        List<Found> all = response.stream().map(r -> new Found(Long.toString(r.int64("id")),
                (r.text("first_name") + " " + r.text("last_name")).strip(), r.text("screen_name"), "",
                r.text("photo_max"))).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("missing response entry");
        }
        Object email = tokenExtra.get("email");
        Found f = all.get(0);
        return new Found(f.id(), f.name(), f.username(), email == null ? "" : Casts.toText(email), f.avatarURL());
    }

    private static Found linear(TypedJson j) {
        TypedJson v = j.object("data").object("viewer");
        Found f = new Found(v.text("id"), v.text("name"), v.text("displayName"), v.text("email"),
                v.text("avatarUrl"));
        if (!v.bool("active")) {
            throw new IllegalArgumentException("the Linear user account is not active");
        }
        return f;
    }

    /** Notion answers with the integration's bot; the person is its owner. */
    private static Found notion(TypedJson j) {
        for (String key : List.of("avatar_url", "id", "name", "object", "request_id", "type")) {
            j.text(key);
        }
        TypedJson bot = j.object("bot");
        bot.text("workspace_name");
        TypedJson owner = bot.object("owner");
        owner.text("type");
        TypedJson user = owner.object("user");
        return new Found(user.text("id"), user.text("name"), "", user.object("person").text("email"),
                user.text("avatar_url"));
    }

    private static Found monday(TypedJson j) {
        TypedJson me = j.object("data").object("me");
        Found f = new Found(me.text("id"), me.text("name"), "", verified(me.text("email"), me.bool("is_verified")),
                me.text("photo_small"));
        if (!me.bool("enabled")) {
            throw new IllegalArgumentException("the monday.com user account is not enabled");
        }
        return f;
    }

    /** Box only lets verified addresses authorize, so its login (an email) is the email. */
    private static Found box(TypedJson j) {
        Found f = new Found(j.text("id"), j.text("name"), "", j.text("login"), j.text("avatar_url"));
        String status = j.text("status");
        if (!status.equals("active")) {
            throw new IllegalArgumentException("Box user account is not active (status: \"" + status + "\")");
        }
        return f;
    }

    private static Found twitch(TypedJson j) {
        List<TypedJson> data = j.objects("data");
        List<Found> all = data.stream().map(d -> new Found(d.text("id"), d.text("display_name"), d.text("login"),
                d.text("email"), d.text("profile_image_url"))).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("failed to fetch AuthUser data");
        }
        return all.get(0);
    }

    private static Found patreon(TypedJson j) {
        TypedJson d = j.object("data");
        TypedJson a = d.object("attributes");
        return new Found(d.text("id"), a.text("full_name"), a.text("vanity"),
                verified(a.text("email"), a.bool("is_email_verified")), a.text("image_url"));
    }

    /** Strava's name is first and last name joined as they are; a zero id stays empty. */
    private static Found strava(TypedJson j) {
        long id = j.int64("id");
        return new Found(id == 0 ? "" : Long.toString(id), j.text("firstname") + " " + j.text("lastname"),
                j.text("username"), "", j.text("profile"));
    }

    private static Found wakatime(TypedJson j) {
        TypedJson d = j.object("data");
        String photo = d.text("photo");
        return new Found(d.text("id"), d.text("display_name"), d.text("username"),
                verified(d.text("email"), d.bool("is_email_confirmed")), d.bool("photo_public") ? photo : "");
    }

    /** mailcow's username is an address: its local part is the username. */
    private static Found mailcow(TypedJson j) {
        String username = j.text("username");
        Found f = new Found(j.text("id"), j.text("full_name"), username.split("@", -1)[0], j.text("email"), "");
        if (j.integer("active") != 1) {
            throw new IllegalArgumentException("the mailcow user is not active");
        }
        return f;
    }

    private static Found planningCenter(TypedJson j) {
        TypedJson d = j.object("data");
        TypedJson a = d.object("attributes");
        Found f = new Found(d.text("id"), a.text("name"), "", "", a.text("avatar"));
        if (!a.text("status").equals("active")) {
            throw new IllegalArgumentException("the user is not active");
        }
        return f;
    }

    /** The address when the provider vouches for it; both are read first, as the whole payload is typed. */
    private static String verified(String email, boolean vouched) {
        return vouched ? email : "";
    }
}

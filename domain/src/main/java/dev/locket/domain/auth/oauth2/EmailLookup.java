package dev.locket.domain.auth.oauth2;

import dev.locket.domain.field.EmailField;
import dev.locket.domain.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * The second call some providers need for a trustworthy email: their profile's {@code email} may be
 * unverified (self-hosted Gitea/Forgejo can skip verification) or hidden, so the address is the
 * verified primary one of the account's email list (upstream since v0.37.4). {@link #pick} reads the
 * answer with each provider's rules for refusals and odd bodies.
 */
public record EmailLookup(ProviderRequest request, Rule rule) {

    /** How a provider's email list is read. */
    public enum Rule {
        /** GitHub and Gitea: a list of {@code {email, verified, primary}}; 401/403/404 mean no address. */
        VERIFIED_PRIMARY,
        /** Bitbucket: {@code {values: [{email, is_primary, is_confirmed}]}}; any error status means no address. */
        BITBUCKET,
        /**
         * Gitee: a list of {@code {email, state, scope}} with {@code state: "confirmed"} and {@code "primary"}
         * in scope; 401/403/404 and unreadable bodies mean no address.
         */
        GITEE
    }

    /** The lookup a provider makes after mapping its user, if any. */
    public static Optional<EmailLookup> after(ProviderConfig p, OAuth2User user) {
        return switch (p.spec().kind()) {
            case GITHUB, GITEA -> Optional.of(new EmailLookup(ProviderRequest.get(p.userInfoURL() + "/emails"),
                    Rule.VERIFIED_PRIMARY));
            case BITBUCKET -> Optional.of(new EmailLookup(ProviderRequest.get(p.userInfoURL() + "/emails"),
                    Rule.BITBUCKET));
            // only when the public profile shows no usable address
            case GITEE -> user.email().isEmpty()
                    ? Optional.of(new EmailLookup(ProviderRequest.get(giteeEmails(p.userInfoURL())), Rule.GITEE))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * Upstream always asks {@code https://gitee.com/api/v5/emails}; here it sits next to the configured
     * user-info URL ({@code .../user} → {@code .../emails}), which is the same address by default.
     */
    static String giteeEmails(String userInfoURL) {
        return userInfoURL.endsWith("/user")
                ? userInfoURL.substring(0, userInfoURL.length() - "user".length()) + "emails"
                : "https://gitee.com/api/v5/emails";
    }

    /**
     * The address from the provider's answer, {@code ""} when there is none.
     *
     * @throws IllegalArgumentException when upstream would fail the login (an unreadable list from
     *                                  GitHub, Gitea or Bitbucket)
     */
    public String pick(int status, String body) {
        return switch (rule) {
            case VERIFIED_PRIMARY -> status == 401 || status == 403 || status == 404 ? ""
                    : first(list(body).stream().map(e -> new Entry(e.text("email"), e.bool("verified")
                            && e.bool("primary"))).toList());
            case BITBUCKET -> status >= 400 ? ""
                    : first(TypedJson.of(Json.parse(body)).objects("values").stream().map(e -> new Entry(
                            e.text("email"), e.bool("is_primary") && e.bool("is_confirmed"))).toList());
            case GITEE -> status == 401 || status == 403 || status == 404 ? "" : giteePrimary(body);
        };
    }

    /** One address of a list and whether the provider vouches for it as the primary one. */
    private record Entry(String email, boolean usable) {
    }

    private static String first(List<Entry> entries) {
        return entries.stream().filter(Entry::usable).map(Entry::email).findFirst().orElse("");
    }

    private static String giteePrimary(String body) {
        List<Entry> entries;
        try {
            entries = list(body).stream().map(e -> {
                String email = e.text("email");
                String state = e.text("state");
                return new Entry(email, state.equals("confirmed") && e.texts("scope").contains("primary")
                        && EmailField.isEmail(email));
            }).toList();
        } catch (IllegalArgumentException unreadable) {
            return ""; // Gitee's list is optional upstream: a body it cannot read means no address
        }
        return first(entries);
    }

    /** A JSON array of objects ({@code null} reads as empty, as Go leaves the slice empty). */
    private static List<TypedJson> list(String body) {
        Object json = Json.parse(body);
        if (json == null) {
            return List.of();
        }
        if (!(json instanceof List<?> items)) {
            throw new TypedJson.Mismatch("array", json);
        }
        return items.stream().map(TypedJson::of).toList();
    }
}

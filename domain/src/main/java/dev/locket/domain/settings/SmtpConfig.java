package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.hostName;
import static dev.locket.domain.settings.Checks.in;
import static dev.locket.domain.settings.Checks.min;
import static dev.locket.domain.settings.Checks.requiredWhen;

import dev.locket.domain.error.ErrorNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code smtp}: the mail server. {@code authMethod} is {@code PLAIN} (also when empty) or
 * {@code LOGIN}; without {@code tls} the connection is upgraded with STARTTLS when the server offers
 * it; {@code localName} is the EHLO name ({@code localhost} when empty).
 */
public record SmtpConfig(boolean enabled, long port, String host, String username, Secret password,
                         String authMethod, boolean tls, String localName) {

    public static final String AUTH_PLAIN = "PLAIN";
    public static final String AUTH_LOGIN = "LOGIN";
    public static final SmtpConfig DEFAULTS = new SmtpConfig(false, 587, "smtp.example.com", "", Secret.NONE, "",
            false, "");

    public SmtpConfig {
        host = Objects.requireNonNullElse(host, "");
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, Secret.NONE);
        authMethod = Objects.requireNonNullElse(authMethod, "");
        localName = Objects.requireNonNullElse(localName, "");
    }

    public Optional<ErrorNode> validate() {
        return new Checks.Errors()
                .field("host", requiredWhen(enabled, host), hostName(host))
                .field("port", requiredWhen(enabled, port), min(port, 0))
                // not required, for older settings; empty means PLAIN
                .field("authMethod", in(authMethod, Set.of(AUTH_PLAIN, AUTH_LOGIN)))
                .field("localName", hostName(localName))
                .group();
    }
}

package dev.locket.domain.settings;

import static dev.locket.domain.settings.Checks.email;
import static dev.locket.domain.settings.Checks.hexColor;
import static dev.locket.domain.settings.Checks.length;
import static dev.locket.domain.settings.Checks.required;
import static dev.locket.domain.settings.Checks.url;

import dev.locket.domain.error.ErrorNode;
import java.util.Objects;
import java.util.Optional;

/** {@code meta}: the application's name and URL, the sender of its emails and the dashboard's accent colour. */
public record MetaConfig(String accentColor, String appName, String appURL, String senderName, String senderAddress,
                         boolean hideControls) {

    public static final MetaConfig DEFAULTS = new MetaConfig("#1055c9", "Acme", "http://localhost:8090", "Support",
            "support@example.com", false);

    public MetaConfig {
        accentColor = Objects.requireNonNullElse(accentColor, "");
        appName = Objects.requireNonNullElse(appName, "");
        appURL = Objects.requireNonNullElse(appURL, "");
        senderName = Objects.requireNonNullElse(senderName, "");
        senderAddress = Objects.requireNonNullElse(senderAddress, "");
    }

    public Optional<ErrorNode> validate() {
        return new Checks.Errors()
                .field("accentColor", length(accentColor, 7, 7), hexColor(accentColor))
                .field("appName", required(appName), length(appName, 1, 255))
                .field("appURL", required(appURL), url(appURL))
                .field("senderName", required(senderName), length(senderName, 1, 255))
                .field("senderAddress", email(senderAddress), required(senderAddress))
                .group();
    }
}

package dev.locket.application.port.in.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * The first-run installer of {@code serve}: while no superuser exists, a temporary installer superuser
 * hands out a short-lived, non-refreshable auth token that lets the dashboard create the first real one.
 */
public interface PrepareInstaller {

    /** The installer superuser's token valid for {@code validity}; empty once a real superuser exists. */
    Optional<String> installerToken(Duration validity);
}

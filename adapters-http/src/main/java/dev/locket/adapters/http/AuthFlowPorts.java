package dev.locket.adapters.http;

import dev.locket.application.port.in.auth.AuthWithOtp;
import dev.locket.application.port.in.auth.ConfirmEmailChange;
import dev.locket.application.port.in.auth.ConfirmPasswordReset;
import dev.locket.application.port.in.auth.ConfirmVerification;
import dev.locket.application.port.in.auth.Impersonate;
import dev.locket.application.port.in.auth.ListAuthMethods;
import dev.locket.application.port.in.auth.RequestEmailChange;
import dev.locket.application.port.in.auth.RequestOtp;
import dev.locket.application.port.in.auth.RequestPasswordReset;
import dev.locket.application.port.in.auth.RequestVerification;
import dev.locket.application.port.in.auth.SendTestEmail;
import dev.locket.application.port.in.collection.FindCollection;
import dev.locket.application.port.in.settings.CurrentSettings;
import java.util.Objects;

/**
 * The inbound ports of the auth flows beyond password login (auth.md §4), plus what the rate
 * limiter reads: the settings, and the collection a path names (counters and labels are per
 * collection whichever way the path spells it). Handed to the server inside {@link HttpPorts}.
 */
public record AuthFlowPorts(ListAuthMethods authMethods, RequestOtp requestOtp, AuthWithOtp authWithOtp,
                            RequestVerification requestVerification, ConfirmVerification confirmVerification,
                            RequestPasswordReset requestPasswordReset, ConfirmPasswordReset confirmPasswordReset,
                            RequestEmailChange requestEmailChange, ConfirmEmailChange confirmEmailChange,
                            Impersonate impersonate, SendTestEmail testEmail, CurrentSettings settings,
                            FindCollection collections) {
    public AuthFlowPorts {
        Objects.requireNonNull(authMethods);
        Objects.requireNonNull(requestOtp);
        Objects.requireNonNull(authWithOtp);
        Objects.requireNonNull(requestVerification);
        Objects.requireNonNull(confirmVerification);
        Objects.requireNonNull(requestPasswordReset);
        Objects.requireNonNull(confirmPasswordReset);
        Objects.requireNonNull(requestEmailChange);
        Objects.requireNonNull(confirmEmailChange);
        Objects.requireNonNull(impersonate);
        Objects.requireNonNull(testEmail);
        Objects.requireNonNull(settings);
        collections = collections == null ? FindCollection.none() : collections;
    }

    /** Without a collection lookup: rate limits then key collection routes by the path segment as sent. */
    public AuthFlowPorts(ListAuthMethods authMethods, RequestOtp requestOtp, AuthWithOtp authWithOtp,
                         RequestVerification requestVerification, ConfirmVerification confirmVerification,
                         RequestPasswordReset requestPasswordReset, ConfirmPasswordReset confirmPasswordReset,
                         RequestEmailChange requestEmailChange, ConfirmEmailChange confirmEmailChange,
                         Impersonate impersonate, SendTestEmail testEmail, CurrentSettings settings) {
        this(authMethods, requestOtp, authWithOtp, requestVerification, confirmVerification, requestPasswordReset,
                confirmPasswordReset, requestEmailChange, confirmEmailChange, impersonate, testEmail, settings, null);
    }
}

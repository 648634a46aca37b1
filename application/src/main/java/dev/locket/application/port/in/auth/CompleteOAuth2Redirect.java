package dev.locket.application.port.in.auth;

/**
 * {@code GET/POST /api/oauth2-redirect} (auth.md §6.2): forwards the provider's callback to the
 * realtime client named by {@code state}.
 */
public interface CompleteOAuth2Redirect {

    /**
     * The callback's values ({@code ""} when absent); {@code user} is Apple's optional JSON with the
     * user's name; {@code clientIp} the browser's address.
     */
    record Callback(String state, String code, String error, String user, String clientIp) {
        public Callback {
            state = state == null ? "" : state;
            code = code == null ? "" : code;
            error = error == null ? "" : error;
            user = user == null ? "" : user;
            clientIp = clientIp == null ? "" : clientIp;
        }
    }

    /** Whether the flow may go on: the message reached the client, with a code and no error. */
    boolean completeRedirect(Callback callback);
}

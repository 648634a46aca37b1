package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;

/** {@code POST /api/collections/{collection}/auth-with-otp}. */
public interface AuthWithOtp {

    /** {@code mfaId}: the pending MFA session ({@code ""} for none); {@code clientIp} keys the attempt limiter. */
    record Command(String collection, String otpId, String password, String mfaId, String clientIp, String expand,
                   RequestInfo request) {
        public Command {
            mfaId = mfaId == null ? "" : mfaId;
            clientIp = clientIp == null ? "" : clientIp;
            expand = expand == null ? "" : expand;
        }
    }

    AuthResult authWithOtp(Command command);
}

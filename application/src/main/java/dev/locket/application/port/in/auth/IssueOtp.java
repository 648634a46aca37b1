package dev.locket.application.port.in.auth;

/**
 * {@code superuser otp EMAIL} (upstream's console command): stores a fresh one-time password for an
 * existing auth record and hands it to the operator instead of mailing it.
 */
public interface IssueOtp {

    /** The stored OTP's id, the plain code and how many seconds it stays valid. */
    record Issued(String otpId, String code, long validSeconds) {
    }

    /**
     * @throws dev.locket.domain.error.NotFound when no record has that email
     * @throws dev.locket.domain.error.Forbidden when OTP is not enabled for the collection
     */
    Issued issueOtp(String collection, String email);
}

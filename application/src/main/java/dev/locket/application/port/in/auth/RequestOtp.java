package dev.locket.application.port.in.auth;

/** {@code POST /api/collections/{collection}/request-otp}: answers an {@code otpId} whether or not the email exists. */
public interface RequestOtp {

    record Command(String collection, String email) {
    }

    /** The {@code otpId} to send back. */
    String requestOtp(Command command);
}

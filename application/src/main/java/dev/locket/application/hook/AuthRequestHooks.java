package dev.locket.application.hook;

/**
 * The request hooks of the auth flows, each tagged by the auth collection ({@code onRecordAuthWithPasswordRequest("users")}).
 * {@code onRecordAuthRequest}, which every successful sign-in fires after these, stays on {@link Hooks}.
 */
public final class AuthRequestHooks {
    private final Hook<RecordAuthFlowRequestEvent> refresh = new Hook<>();
    private final Hook<RecordAuthWithPasswordRequestEvent> password = new Hook<>();
    private final Hook<RecordAuthWithOAuth2RequestEvent> oauth2 = new Hook<>();
    private final Hook<RecordAuthWithOtpRequestEvent> otp = new Hook<>();
    private final Hook<RecordCreateOtpRequestEvent> requestOtp = new Hook<>();
    private final Hook<RecordAuthFlowRequestEvent> requestPasswordReset = new Hook<>();
    private final Hook<RecordAuthFlowRequestEvent> confirmPasswordReset = new Hook<>();
    private final Hook<RecordAuthFlowRequestEvent> requestVerification = new Hook<>();
    private final Hook<RecordAuthFlowRequestEvent> confirmVerification = new Hook<>();
    private final Hook<RecordEmailChangeRequestEvent> requestEmailChange = new Hook<>();
    private final Hook<RecordEmailChangeRequestEvent> confirmEmailChange = new Hook<>();

    /** {@code auth-refresh}, before the new token is signed (the record is the refreshed one). */
    public Hook<RecordAuthFlowRequestEvent> onRecordAuthRefreshRequest() {
        return refresh;
    }

    public Hook.Tagged<RecordAuthFlowRequestEvent> onRecordAuthRefreshRequest(String... collections) {
        return refresh.forCollections(collections);
    }

    /** {@code auth-with-password}: the record may be empty (no identity matched) or replaced. */
    public Hook<RecordAuthWithPasswordRequestEvent> onRecordAuthWithPasswordRequest() {
        return password;
    }

    public Hook.Tagged<RecordAuthWithPasswordRequestEvent> onRecordAuthWithPasswordRequest(String... collections) {
        return password.forCollections(collections);
    }

    /** {@code auth-with-oauth2}, after the code exchange and before the record is created or linked. */
    public Hook<RecordAuthWithOAuth2RequestEvent> onRecordAuthWithOAuth2Request() {
        return oauth2;
    }

    public Hook.Tagged<RecordAuthWithOAuth2RequestEvent> onRecordAuthWithOAuth2Request(String... collections) {
        return oauth2.forCollections(collections);
    }

    /** {@code auth-with-otp}, once the OTP matched. */
    public Hook<RecordAuthWithOtpRequestEvent> onRecordAuthWithOTPRequest() {
        return otp;
    }

    public Hook.Tagged<RecordAuthWithOtpRequestEvent> onRecordAuthWithOTPRequest(String... collections) {
        return otp.forCollections(collections);
    }

    /** {@code request-otp}: the record may be empty (unknown email); the code may be replaced. */
    public Hook<RecordCreateOtpRequestEvent> onRecordRequestOTPRequest() {
        return requestOtp;
    }

    public Hook.Tagged<RecordCreateOtpRequestEvent> onRecordRequestOTPRequest(String... collections) {
        return requestOtp.forCollections(collections);
    }

    /** {@code request-password-reset}, before the mail is sent. */
    public Hook<RecordAuthFlowRequestEvent> onRecordRequestPasswordResetRequest() {
        return requestPasswordReset;
    }

    public Hook.Tagged<RecordAuthFlowRequestEvent> onRecordRequestPasswordResetRequest(String... collections) {
        return requestPasswordReset.forCollections(collections);
    }

    /** {@code confirm-password-reset}, before the new password is saved. */
    public Hook<RecordAuthFlowRequestEvent> onRecordConfirmPasswordResetRequest() {
        return confirmPasswordReset;
    }

    public Hook.Tagged<RecordAuthFlowRequestEvent> onRecordConfirmPasswordResetRequest(String... collections) {
        return confirmPasswordReset.forCollections(collections);
    }

    /** {@code request-verification}, before the mail is sent (also for an already verified record). */
    public Hook<RecordAuthFlowRequestEvent> onRecordRequestVerificationRequest() {
        return requestVerification;
    }

    public Hook.Tagged<RecordAuthFlowRequestEvent> onRecordRequestVerificationRequest(String... collections) {
        return requestVerification.forCollections(collections);
    }

    /** {@code confirm-verification}, before the record is marked verified. */
    public Hook<RecordAuthFlowRequestEvent> onRecordConfirmVerificationRequest() {
        return confirmVerification;
    }

    public Hook.Tagged<RecordAuthFlowRequestEvent> onRecordConfirmVerificationRequest(String... collections) {
        return confirmVerification.forCollections(collections);
    }

    /** {@code request-email-change}, before the confirmation mail is sent. */
    public Hook<RecordEmailChangeRequestEvent> onRecordRequestEmailChangeRequest() {
        return requestEmailChange;
    }

    public Hook.Tagged<RecordEmailChangeRequestEvent> onRecordRequestEmailChangeRequest(String... collections) {
        return requestEmailChange.forCollections(collections);
    }

    /** {@code confirm-email-change}, before the new email is saved. */
    public Hook<RecordEmailChangeRequestEvent> onRecordConfirmEmailChangeRequest() {
        return confirmEmailChange;
    }

    public Hook.Tagged<RecordEmailChangeRequestEvent> onRecordConfirmEmailChangeRequest(String... collections) {
        return confirmEmailChange.forCollections(collections);
    }
}

package dev.locket.domain.error;

/**
 * The first factor succeeded but the collection requires a second one (auth.md §7): answered as
 * {@code 401} with the bare body {@code {"mfaId":"…"}}, not the error envelope.
 */
public final class MfaRequired extends LocketException {
    private final String mfaId;

    public MfaRequired(String mfaId) {
        super("MFA required.");
        this.mfaId = mfaId;
    }

    public String mfaId() {
        return mfaId;
    }

    @Override
    public int status() {
        return 401;
    }
}

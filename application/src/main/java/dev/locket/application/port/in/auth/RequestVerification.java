package dev.locket.application.port.in.auth;

/** {@code POST /api/collections/{collection}/request-verification}: mails a verification link; silent for unknown emails. */
public interface RequestVerification {

    record Command(String collection, String email) {
    }

    void requestVerification(Command command);
}

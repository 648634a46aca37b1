package dev.locket.application.port.in.admin;

import dev.locket.domain.json.JsonObject;
import java.util.Optional;

/**
 * Request logging (admin-and-ops §3): the HTTP edge reports each finished request; what is kept
 * (IP addresses, auth id, minimum level, nothing when {@code logs.maxDays} is 0) follows the
 * {@code logs} settings. Calls never block on the database.
 */
public interface LogRequests {

    /**
     * A finished request. {@code url} is the request URI with its query; {@code authCollection} is
     * the authenticated record's collection name ("" for guests); {@code error}/{@code details} are
     * the error body's message and data when the handler failed. {@code remoteIp} is the TCP peer and
     * {@code userIp} the client's real IP the edge resolved once from the trusted proxy headers.
     */
    record FinishedRequest(String method, String url, int status, double execTimeMillis, String referer,
                           String userAgent, String authCollection, String authId, String remoteIp,
                           String userIp, Optional<String> error,
                           JsonObject details) {
        public FinishedRequest {
            error = error == null ? Optional.empty() : error;
            userIp = userIp == null ? "" : userIp;
            details = details == null ? JsonObject.empty() : details;
        }
    }

    void log(FinishedRequest request);

    /**
     * Whether a finished request would be kept under the current {@code logs} settings ({@code failed}: it ends in
     * an error, level 8, else level 0), so the edge builds no entry for one that would be dropped.
     */
    boolean keeps(boolean failed);
}

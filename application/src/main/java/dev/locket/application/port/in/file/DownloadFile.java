package dev.locket.application.port.in.file;

import dev.locket.domain.rule.RequestInfo;
import java.time.Instant;

/**
 * {@code GET /api/files/{collection}/{recordId}/{filename}} (files.md §4–§5): resolves the file (or its
 * thumb) and checks protected-file access through the file {@code token}.
 */
public interface DownloadFile {

    /**
     * {@code thumb} and {@code token} are {@code ""} when absent; {@code request} carries method/headers;
     * {@code clientIp} is the caller's real IP, against which a superuser's file token meets {@code superuserIPs}.
     */
    record Query(String collection, String recordId, String filename, String thumb, String token,
                 RequestInfo request, String clientIp) {
        public Query {
            thumb = thumb == null ? "" : thumb;
            token = token == null ? "" : token;
            request = RequestInfo.orGuest(request);
            clientIp = clientIp == null ? "" : clientIp;
        }
    }

    /** What to send: the served name, content type, size, modification time and the bytes. */
    record Download(String name, String contentType, long size, Instant modified, FileContent content) {
    }

    /** @throws dev.locket.domain.error.NotFound for a missing or inaccessible file */
    Download download(Query query);
}

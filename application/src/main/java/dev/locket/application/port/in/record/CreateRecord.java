package dev.locket.application.port.in.record;

import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/collections/{collection}/records}. {@code body} holds JSON-shaped values (String,
 * Number, Boolean, List, Map, null) keyed by field name or modifier ({@code tags+}, {@code +tags},
 * {@code views-}); multipart bodies arrive already type-inferred.
 */
public interface CreateRecord {

    /** {@code uploads}: multipart file parts, applied to the file fields their keys name. */
    record Command(String collection, Map<String, Object> body, String expand, RequestInfo request,
                   List<UploadedFile> uploads) {
        public Command {
            body = body == null ? Map.of() : body;
            expand = expand == null ? "" : expand;
            uploads = uploads == null ? List.of() : List.copyOf(uploads);
        }

        public Command(String collection, Map<String, Object> body, String expand, RequestInfo request) {
            this(collection, body, expand, request, List.of());
        }
    }

    Record create(Command command);
}

package dev.locket.application.port.in.record;

import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Map;

/** {@code PATCH /api/collections/{collection}/records/{id}}; body as in {@link CreateRecord}. */
public interface UpdateRecord {

    /** {@code uploads}: multipart file parts, applied to the file fields their keys name. */
    record Command(String collection, String id, Map<String, Object> body, String expand, RequestInfo request,
                   List<UploadedFile> uploads) {
        public Command {
            body = body == null ? Map.of() : body;
            expand = expand == null ? "" : expand;
            uploads = uploads == null ? List.of() : List.copyOf(uploads);
        }

        public Command(String collection, String id, Map<String, Object> body, String expand, RequestInfo request) {
            this(collection, id, body, expand, request, List.of());
        }
    }

    Record update(Command command);
}

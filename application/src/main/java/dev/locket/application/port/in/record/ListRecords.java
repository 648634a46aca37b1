package dev.locket.application.port.in.record;

import dev.locket.application.port.out.Page;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** {@code GET /api/collections/{collection}/records}: one page, list rule applied, expanded. */
public interface ListRecords {

    /**
     * @param filter client filter or empty; @param sort client sort or empty;
     * @param perPage already clamped to 1..1000 by the caller; @param expand comma list or empty;
     * @param clientIp the caller's real IP, or empty when there is none (embedding code)
     */
    record Query(String collection, String filter, String sort, int page, int perPage, boolean skipTotal,
                 String expand, RequestInfo request, String clientIp) {
        public Query {
            filter = filter == null ? "" : filter;
            sort = sort == null ? "" : sort;
            expand = expand == null ? "" : expand;
            clientIp = clientIp == null ? "" : clientIp;
            if (page < 1 || perPage < 1) {
                throw new IllegalArgumentException("page and perPage start at 1");
            }
        }

        /** Without a client IP (callers other than the HTTP API). */
        public Query(String collection, String filter, String sort, int page, int perPage, boolean skipTotal,
                     String expand, RequestInfo request) {
            this(collection, filter, sort, page, perPage, skipTotal, expand, request, "");
        }
    }

    Page<Record> list(Query query);
}

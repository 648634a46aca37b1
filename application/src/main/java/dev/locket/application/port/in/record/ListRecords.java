package dev.locket.application.port.in.record;

import dev.locket.application.port.out.Page;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** {@code GET /api/collections/{collection}/records}: one page, list rule applied, expanded. */
public interface ListRecords {

    /**
     * @param filter client filter or empty; @param sort client sort or empty;
     * @param perPage already clamped to 1..1000 by the caller; @param expand comma list or empty
     */
    record Query(String collection, String filter, String sort, int page, int perPage, boolean skipTotal,
                 String expand, RequestInfo request) {
        public Query {
            filter = filter == null ? "" : filter;
            sort = sort == null ? "" : sort;
            expand = expand == null ? "" : expand;
            if (page < 1 || perPage < 1) {
                throw new IllegalArgumentException("page and perPage start at 1");
            }
        }
    }

    Page<Record> list(Query query);
}

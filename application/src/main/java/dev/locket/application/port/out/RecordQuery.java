package dev.locket.application.port.out;

import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/**
 * A list query as the store runs it. {@code ruleFilter} is the list rule's expression ("" when the
 * rule is public or the requester a superuser) and may use everything, hidden fields included;
 * {@code clientFilter} is the client's {@code filter} ("" when absent), resolved with the client's
 * limits (no hidden fields unless {@code request} is a superuser's). {@code sort} holds the raw
 * sort items in request order. {@code request} resolves {@code @request.*}.
 */
public record RecordQuery(String ruleFilter, String clientFilter, List<String> sort, int page, int perPage,
                          boolean skipTotal, RequestInfo request) {
    public RecordQuery {
        ruleFilter = ruleFilter == null ? "" : ruleFilter;
        clientFilter = clientFilter == null ? "" : clientFilter;
        sort = List.copyOf(sort);
    }
}

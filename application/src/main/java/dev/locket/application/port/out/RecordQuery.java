package dev.locket.application.port.out;

import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Optional;

/**
 * A list query as the store runs it: filter expressions ANDed together (API rule and client filter,
 * each raw source text, already checked for access), sort items in request order, paging.
 * {@code request} resolves {@code @request.*} inside the filters.
 */
public record RecordQuery(List<String> filters, List<String> sort, int page, int perPage, boolean skipTotal,
                          RequestInfo request) {
    public RecordQuery {
        filters = List.copyOf(filters);
        sort = List.copyOf(sort);
    }

    public static RecordQuery all(RequestInfo request) {
        return new RecordQuery(List.of(), List.of(), 1, Integer.MAX_VALUE, true, request);
    }

    public Optional<String> combinedFilter() {
        if (filters.isEmpty()) {
            return Optional.empty();
        }
        if (filters.size() == 1) {
            return Optional.of(filters.getFirst());
        }
        StringBuilder sb = new StringBuilder();
        for (String f : filters) {
            if (!sb.isEmpty()) {
                sb.append(" && ");
            }
            sb.append('(').append(f).append("\n)");
        }
        return Optional.of(sb.toString());
    }
}

package dev.locket.application.port.out;

import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Objects;

/**
 * A list query as the store runs it. {@code ruleFilter} is the bound list rule ({@link BoundFilter#ALL}
 * when the rule is public or the requester a superuser) or a typed {@link Lookup}, and may use everything,
 * hidden fields included; {@code clientFilter} is the client's bound {@code filter}
 * ({@link BoundFilter#client}), which carries the client's limits. {@code sort} holds the raw sort items in
 * request order. {@code request} resolves {@code @request.*}.
 */
public record RecordQuery(BoundFilter ruleFilter, BoundFilter clientFilter, List<String> sort, int page, int perPage,
                          boolean skipTotal, RequestInfo request) {
    public RecordQuery {
        ruleFilter = Objects.requireNonNullElse(ruleFilter, BoundFilter.ALL);
        clientFilter = Objects.requireNonNullElse(clientFilter, BoundFilter.ALL);
        sort = List.copyOf(sort);
        request = Objects.requireNonNullElse(request, RequestInfo.guest());
    }

    /** The first {@code limit} records the lookup finds, in {@code sort} order, without counting them. */
    public static RecordQuery lookup(Lookup lookup, List<String> sort, int limit) {
        return new RecordQuery(BoundFilter.of(lookup), BoundFilter.ALL, sort, 1, limit, true, RequestInfo.guest());
    }

    /** Every record (the first {@code limit} of them) as the system sees them, without counting. */
    public static RecordQuery all(int page, int limit, RequestInfo request) {
        return new RecordQuery(BoundFilter.ALL, BoundFilter.ALL, List.of(), page, limit, true, request);
    }
}

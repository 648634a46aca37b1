package dev.locket.application.hook;

import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Request hook of {@code POST /api/batch}, after the envelope was validated: {@link #batch()} is the mutable
 * list of sub-requests that {@code next()} runs in one transaction; after {@code next()}, {@link #results()}
 * holds what each answered.
 */
public final class BatchRequestEvent extends RequestHookEvent {
    private final List<BatchRecords.Item> batch;
    private List<BatchRecords.Result> results = List.of();

    public BatchRequestEvent(List<BatchRecords.Item> batch, RequestInfo request) {
        super(request);
        this.batch = new ArrayList<>(batch);
    }

    /** The sub-requests in order; add, remove or replace items before {@code next()}. */
    public List<BatchRecords.Item> batch() {
        return batch;
    }

    public List<BatchRecords.Result> results() {
        return results;
    }

    public void results(List<BatchRecords.Result> replacement) {
        this.results = List.copyOf(replacement);
    }
}

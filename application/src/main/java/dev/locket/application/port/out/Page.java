package dev.locket.application.port.out;

import java.util.List;

/** One page of a list; {@code totalItems}/{@code totalPages} are -1 when the count was skipped. */
public record Page<T>(int page, int perPage, long totalItems, long totalPages, List<T> items) {
    public Page {
        items = List.copyOf(items);
    }
}

package dev.locket.application.hook;

import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of {@code GET /api/collections}: the page is already searched when the hook fires (as
 * upstream's {@code Collections}/{@code Result}); replacing it changes the response.
 */
public final class CollectionsListRequestEvent extends RequestHookEvent {
    private Page<Collection> page;

    public CollectionsListRequestEvent(Page<Collection> page, RequestInfo request) {
        super(request);
        this.page = Objects.requireNonNull(page);
    }

    public Page<Collection> page() {
        return page;
    }

    public void page(Page<Collection> replacement) {
        this.page = Objects.requireNonNull(replacement);
    }
}

package dev.locket.application.hook;

import dev.locket.domain.rule.RequestInfo;
import java.util.Optional;

/**
 * Base of the request hooks (records, collections, auth flows, settings, files, batch): the request the event came
 * from and, as upstream's request events can write the response, {@link #json} and {@link #noContent}. A
 * handler that answers usually does not call {@code next()}; the answer replaces the default one either way.
 */
public abstract class RequestHookEvent extends HookEvent {
    private final RequestInfo request;
    private HookResponse response;

    protected RequestHookEvent(RequestInfo request) {
        this.request = RequestInfo.orGuest(request);
    }

    /** Who asks (auth record, headers, query, body) as API rules see it. */
    public RequestInfo request() {
        return request;
    }

    /** Answers the request with {@code body} (plain JSON values) and {@code status}, as upstream's {@code e.JSON}. */
    public void json(int status, Object body) {
        this.response = new HookResponse(status, body == null ? java.util.Map.of() : body);
    }

    /** Answers the request with an empty body, as upstream's {@code e.NoContent}. */
    public void noContent(int status) {
        this.response = new HookResponse(status, null);
    }

    /** The answer a handler wrote, if any. */
    public Optional<HookResponse> response() {
        return Optional.ofNullable(response);
    }

    /**
     * Adopts the answer a nested request event of the same request wrote (upstream's events of one request share
     * its response writer, e.g. the auth request hook inside an auth flow's hook): the outer chain goes on, and
     * the request ends with that answer.
     */
    public void answer(HookResponse written) {
        this.response = java.util.Objects.requireNonNull(written);
    }

    /** Called by the use case once the chain returned: stops it with the handler's own answer, if there is one. */
    public void throwIfAnswered() {
        if (response != null) {
            throw response;
        }
    }
}

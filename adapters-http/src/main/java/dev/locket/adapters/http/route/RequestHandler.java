package dev.locket.adapters.http.route;

/**
 * A route action or a middleware: upstream's {@code func(e *core.RequestEvent) error}. A middleware
 * continues with {@link RequestEvent#next()}; not calling it ends the request there. Throwing an API
 * error ({@code throw e.badRequestError(...)}, any {@link dev.locket.domain.error.LocketException})
 * answers with its PocketBase error body; any other checked exception answers upstream's generic 400
 * (a returned Go error), an unchecked one its generic 500 (a recovered panic), the details only logged.
 */
@FunctionalInterface
public interface RequestHandler {
    void handle(RequestEvent e) throws Exception;
}

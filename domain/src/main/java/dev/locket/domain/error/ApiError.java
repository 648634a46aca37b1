package dev.locket.domain.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error with any status, message and field data, as PocketBase's {@code router.ApiError}: what the
 * request event's error helpers ({@code badRequestError}, {@code internalServerError}, ...) build for
 * custom routes and hooks to throw. A blank message becomes the status's default one.
 */
public final class ApiError extends LocketException {
    private final int status;
    private final Map<String, ErrorNode> data;

    public ApiError(int status, String message, Map<String, ? extends ErrorNode> data) {
        super(message);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status = status;
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data == null ? Map.of() : data));
    }

    /**
     * As upstream builds its error data from whatever a caller passes: a map's {@link ErrorNode} values
     * stay, nested maps become groups, a {@link ValidationFailed} gives its errors, and any other value
     * (a plain string, an exception) is reported as {@link FieldError#invalidValue()} so no internal
     * detail reaches the client; anything else than a map is no data at all.
     */
    public static ApiError of(int status, String message, Object data) {
        return new ApiError(status, message, dataOf(data));
    }

    private static Map<String, ErrorNode> dataOf(Object data) {
        if (data instanceof ValidationFailed v) {
            return v.errors();
        }
        if (!(data instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, ErrorNode> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), switch (v) {
            case ErrorNode node -> node;
            case ValidationFailed nested -> new ErrorGroup(nested.errors());
            case Map<?, ?> nested -> new ErrorGroup(dataOf(nested));
            case null, default -> FieldError.invalidValue();
        }));
        return out;
    }

    @Override
    public int status() {
        return status;
    }

    public Map<String, ErrorNode> data() {
        return data;
    }
}

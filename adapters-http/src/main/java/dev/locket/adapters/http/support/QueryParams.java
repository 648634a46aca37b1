package dev.locket.adapters.http.support;

import dev.locket.domain.error.BadRequest;

/** List query parameters parsed as PocketBase parses them (records-api §4). */
public record QueryParams(int page, int perPage, boolean skipTotal, String sort, String filter) {

    static final int DEFAULT_PER_PAGE = 30;
    static final int MAX_PER_PAGE = 1000;

    /** Empty values count as absent; unparsable numbers or booleans are a generic 400. */
    public static QueryParams of(ApiRequest req) {
        int page = parseInt(req.query("page"), 1);
        if (page <= 0) {
            page = 1;
        }
        int perPage = parseInt(req.query("perPage"), DEFAULT_PER_PAGE);
        if (perPage <= 0) {
            perPage = DEFAULT_PER_PAGE;
        } else if (perPage > MAX_PER_PAGE) {
            perPage = MAX_PER_PAGE;
        }
        String skip = req.query("skipTotal");
        boolean skipTotal = !skip.isEmpty() && parseBool(skip);
        return new QueryParams(page, perPage, skipTotal, req.query("sort"), req.query("filter"));
    }

    private static int parseInt(String raw, int absent) {
        if (raw.isEmpty()) {
            return absent;
        }
        try {
            long v = Long.parseLong(raw);
            // Go's Atoi accepts any int64; anything out of int range behaves like a huge value.
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            throw new BadRequest();
        }
    }

    /** Go's strconv.ParseBool. */
    static boolean parseBool(String raw) {
        return switch (raw) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new BadRequest();
        };
    }
}

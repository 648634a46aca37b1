package dev.locket.adapters.http.route;

import java.util.List;

/**
 * The routes the server answers itself, as upstream's {@code apis.NewRouter} and {@code apis.Serve} register
 * them on the same mux as the app's routes. Custom routes are weighed against these by Go's precedence (the
 * more specific route answers, whichever side it is on) and may not duplicate one of them.
 */
final class ApiRoutes {

    static final List<RoutePattern> ALL = List.of(
            "GET /api/settings", "PATCH /api/settings", "POST /api/settings/test/s3",
            "POST /api/settings/test/email", "POST /api/settings/apple/generate-client-secret",
            "GET /api/collections", "POST /api/collections", "GET /api/collections/{collection}",
            "PATCH /api/collections/{collection}", "DELETE /api/collections/{collection}",
            "DELETE /api/collections/{collection}/truncate", "PUT /api/collections/import",
            "GET /api/collections/meta/scaffolds", "GET /api/collections/meta/oauth2-providers",
            "POST /api/collections/meta/dry-run-view",
            "GET /api/collections/{collection}/records", "GET /api/collections/{collection}/records/{id}",
            "POST /api/collections/{collection}/records", "PATCH /api/collections/{collection}/records/{id}",
            "DELETE /api/collections/{collection}/records/{id}",
            "GET /api/oauth2-redirect", "POST /api/oauth2-redirect",
            "GET /api/collections/{collection}/auth-methods", "POST /api/collections/{collection}/auth-refresh",
            "POST /api/collections/{collection}/auth-with-password",
            "POST /api/collections/{collection}/auth-with-oauth2", "POST /api/collections/{collection}/request-otp",
            "POST /api/collections/{collection}/auth-with-otp",
            "POST /api/collections/{collection}/request-password-reset",
            "POST /api/collections/{collection}/confirm-password-reset",
            "POST /api/collections/{collection}/request-verification",
            "POST /api/collections/{collection}/confirm-verification",
            "POST /api/collections/{collection}/request-email-change",
            "POST /api/collections/{collection}/confirm-email-change",
            "POST /api/collections/{collection}/impersonate/{id}",
            "GET /api/logs", "GET /api/logs/stats", "GET /api/logs/{id}",
            "GET /api/backups", "POST /api/backups", "POST /api/backups/upload", "GET /api/backups/{key}",
            "DELETE /api/backups/{key}", "POST /api/backups/{key}/restore",
            "GET /api/crons", "POST /api/crons/{id}",
            "POST /api/files/token", "GET /api/files/{collection}/{recordId}/{filename}",
            "POST /api/batch",
            "GET /api/realtime", "POST /api/realtime",
            "GET /api/health",
            "POST /api/sql",
            "GET /_/{path...}").stream().map(ApiRoutes::parse).toList();

    private ApiRoutes() {
    }

    private static RoutePattern parse(String route) {
        int space = route.indexOf(' ');
        return new RoutePattern(route.substring(0, space), PathPattern.parse(route.substring(space + 1)));
    }
}

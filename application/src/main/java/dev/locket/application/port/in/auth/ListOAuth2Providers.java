package dev.locket.application.port.in.auth;

import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/**
 * {@code GET /api/collections/meta/oauth2-providers}: every built-in OAuth2 provider, for the dashboard's
 * provider picker; superusers only.
 */
public interface ListOAuth2Providers {

    /** One provider as listed: its name, display name and logo (inline SVG). */
    record Entry(String name, String displayName, String logo) {
    }

    /** In upstream's order (each provider's rank, then name); 401 for guests, 403 for other auth records. */
    List<Entry> listOAuth2Providers(RequestInfo request);
}

package dev.locket.application.port.in.settings;

import dev.locket.domain.rule.RequestInfo;
import java.util.Map;

/** {@code PATCH /api/settings}: merges a partial settings body onto the current settings (superusers only). */
public interface UpdateSettings {

    String LOAD_FAILED = "An error occurred while loading the submitted data.";
    String SAVE_FAILED = "An error occurred while saving the new settings.";

    /**
     * Merges {@code patch} (JSON-shaped; keys left out keep their value, so an omitted secret is kept),
     * validates and stores the result, and answers it as {@link ReadSettings#read} would.
     */
    Map<String, Object> update(Map<String, Object> patch, RequestInfo request);
}

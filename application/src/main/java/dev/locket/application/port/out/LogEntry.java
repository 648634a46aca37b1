package dev.locket.application.port.out;

import dev.locket.domain.types.FrozenMap;
import java.util.Map;

/**
 * One row of {@code _logs}: id, creation time ({@code "2024-05-01 10:15:00.123Z"}), slog level
 * (-4 debug, 0 info, 4 warn, 8 error), message and JSON-shaped data.
 */
public record LogEntry(String id, String created, int level, String message, Map<String, Object> data) {
    public LogEntry {
        data = FrozenMap.copyOf(data);
    }
}

package dev.locket.application.fake;

import dev.locket.application.port.out.SettingsFormat;
import dev.locket.domain.settings.Settings;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SettingsFormat} whose documents are opaque handles ({@code settings#3}) to the settings
 * written: services can be tested without the JSON codec, which lives in an adapter.
 */
public final class OpaqueSettingsFormat implements SettingsFormat {
    private static final String PREFIX = "settings#";
    private final List<Settings> written = new ArrayList<>();

    @Override
    public synchronized String write(Settings settings) {
        written.add(settings);
        return PREFIX + (written.size() - 1);
    }

    @Override
    public synchronized Settings read(String document) {
        if (document == null || !document.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a document of this format: " + document);
        }
        return written.get(Integer.parseInt(document.substring(PREFIX.length())));
    }
}

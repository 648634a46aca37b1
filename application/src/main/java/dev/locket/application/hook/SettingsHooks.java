package dev.locket.application.hook;

/** The settings hooks: the settings API's two request hooks and the reload of the settings in force. */
public final class SettingsHooks {
    private final Hook<SettingsListRequestEvent> list = new Hook<>();
    private final Hook<SettingsUpdateRequestEvent> update = new Hook<>();
    private final Hook<SettingsReloadEvent> reload = new Hook<>();

    /** {@code GET /api/settings}: may change the settings shown. */
    public Hook<SettingsListRequestEvent> onSettingsListRequest() {
        return list;
    }

    /** {@code PATCH /api/settings}: may validate further or change the settings saved. */
    public Hook<SettingsUpdateRequestEvent> onSettingsUpdateRequest() {
        return update;
    }

    /** The settings in force are being replaced (first load, every save). */
    public Hook<SettingsReloadEvent> onSettingsReload() {
        return reload;
    }
}

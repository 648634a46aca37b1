// Placeholder for the settings pages (#/settings, #/settings/mail, …); replaced in the next phase.

import { html } from "lit";
import { LkElement } from "../../core/element.js";

class SettingsPage extends LkElement {
    static properties = { route: { attribute: false } };

    render() {
        return html`
          <header class="page-header"><h1>${this.route?.title || "Settings"}</h1></header>
          <p class="alert info">The settings pages are coming. Until then the settings answer under
            <code>/api/settings</code>.</p>`;
    }
}
customElements.define("lk-settings-page", SettingsPage);

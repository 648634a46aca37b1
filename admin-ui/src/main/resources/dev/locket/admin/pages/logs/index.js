// Placeholder for the logs page (#/logs); replaced in the next phase.

import { html } from "lit";
import { LkElement } from "../../core/element.js";

class LogsPage extends LkElement {
    static properties = { route: { attribute: false } };

    render() {
        return html`
          <header class="page-header"><h1>Logs</h1></header>
          <p class="alert info">The logs view is coming. Until then the logs answer under <code>/api/logs</code>.</p>`;
    }
}
customElements.define("lk-logs-page", LogsPage);

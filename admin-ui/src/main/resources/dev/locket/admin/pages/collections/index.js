// Placeholder for the collections and records pages (#/collections?collection=…); replaced in the next phase.

import { html } from "lit";
import { LkElement } from "../../core/element.js";

class CollectionsPage extends LkElement {
    static properties = { route: { attribute: false } };

    render() {
        return html`
          <header class="page-header"><h1>Collections</h1></header>
          <p class="alert info">The collections editor and records table are coming. Until then the REST API under
            <code>/api/collections</code> does everything they will do.</p>`;
    }
}
customElements.define("lk-collections-page", CollectionsPage);

// #/settings/export-collections: the collections' configuration as JSON, to download or copy (and import
// elsewhere through #/settings/import-collections).

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { whileLoading } from "../../core/errors.js";
import { toast } from "../../ui/toasts.js";
import { loadingBlock, settingsFrame } from "./frame.js";
import { exportableCollections } from "./sync.js";

class ExportCollectionsPage extends LkElement {
    static properties = {
        route: { attribute: false },
        collections: { state: true },
        selected: { state: true },
        loading: { state: true },
    };

    constructor() {
        super();
        this.collections = [];
        this.selected = new Set();
        this.loading = true;
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        await whileLoading(this, async () => {
            this.collections = await exportableCollections();
            this.selected = new Set(this.collections.map((c) => c.id));
        });
    }

    get json() {
        return JSON.stringify(this.collections.filter((c) => this.selected.has(c.id)), null, 2);
    }

    render() {
        const all = this.collections.length > 0 && this.selected.size === this.collections.length;
        const content = this.loading ? loadingBlock() : html`
          <p class="muted">The configuration of the chosen collections (fields, rules, indexes, options — no records).
            Import it into another instance under Import collections.</p>
          <div class="export-layout">
            <fieldset class="card export-pick">
              <legend>Collections</legend>
              <div class="field check">
                <input id="export-all" type="checkbox" .checked=${all} @change=${(e) => this.#selectAll(e.target.checked)}>
                <label for="export-all"><strong>All (${this.collections.length})</strong></label>
              </div>
              ${this.collections.map((c) => html`<div class="field check">
                <input id="export-${c.id}" type="checkbox" .checked=${this.selected.has(c.id)}
                       @change=${(e) => this.#toggle(c.id, e.target.checked)}>
                <label for="export-${c.id}">${c.name} <span class="badge">${c.type}</span></label>
              </div>`)}
            </fieldset>
            <div class="stack export-preview">
              <div class="field">
                <label for="export-json">JSON (${this.selected.size} of ${this.collections.length})</label>
                <textarea id="export-json" class="code" rows="20" readonly spellcheck="false"
                          .value=${this.json}></textarea>
              </div>
              <div class="form-actions">
                <button type="button" class="btn" ?disabled=${this.selected.size === 0}
                        @click=${() => this.#copy()}>Copy</button>
                <button type="button" class="btn primary" ?disabled=${this.selected.size === 0}
                        @click=${() => this.#download()}>Download JSON</button>
              </div>
            </div>
          </div>
          ${this.collections.length === 0 ? html`<p class="muted">No collections.</p>` : nothing}`;
        return settingsFrame(this.route, "Export collections", content);
    }

    #selectAll(on) {
        this.selected = on ? new Set(this.collections.map((c) => c.id)) : new Set();
    }

    #toggle(id, on) {
        const selected = new Set(this.selected);
        if (on) {
            selected.add(id);
        } else {
            selected.delete(id);
        }
        this.selected = selected;
    }

    async #copy() {
        try {
            await navigator.clipboard.writeText(this.json);
            toast.success("Copied the collections' JSON.");
        } catch {
            // no clipboard permission (e.g. plain http on another host): select the text for a manual copy
            const area = this.querySelector("#export-json");
            area.focus();
            area.select();
            toast.info("Press Ctrl+C (⌘C) to copy the selected JSON.");
        }
    }

    #download() {
        const url = URL.createObjectURL(new Blob([this.json], { type: "application/json" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = "pb_schema.json";
        a.hidden = true;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
}
customElements.define("lk-export-collections-page", ExportCollectionsPage);

// #/settings/import-collections: paste or load an export, review what it changes (collections and fields added,
// changed, deleted), then apply it with PUT /api/collections/import.

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, whileLoading, submitting } from "../../core/errors.js";
import { checkboxField, textareaField } from "../../ui/field.js";
import "../../ui/dialog.js";
import { toast } from "../../ui/toasts.js";
import { loadingBlock, settingsFrame } from "./frame.js";
import { adoptStoredIds, exportableCollections, idConflicts, importDiff, parseImport } from "./sync.js";

class ImportCollectionsPage extends LkElement {
    static properties = {
        route: { attribute: false },
        raw: { state: true },
        deleteMissing: { state: true },
        current: { state: true },
        loading: { state: true },
        reviewing: { state: true },
        importing: { state: true },
        errors: { state: true },
    };

    constructor() {
        super();
        this.raw = "";
        this.deleteMissing = true;
        this.current = [];
        this.loading = true;
        this.reviewing = false;
        this.importing = false;
        this.errors = {};
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        await whileLoading(this, async () => {
            this.current = await exportableCollections();
        });
    }

    willUpdate(changed) {
        if (changed.has("raw") || changed.has("deleteMissing") || changed.has("current")) {
            this.parsed = parseImport(this.raw);
            this.diff = this.parsed.collections ? importDiff(this.current, this.parsed.collections, this.deleteMissing)
                : null;
            this.conflicts = this.parsed.collections ? idConflicts(this.current, this.parsed.collections) : [];
        }
    }

    get changeCount() {
        const d = this.diff;
        return d ? d.added.length + d.changed.length + d.deleted.length : 0;
    }

    render() {
        const d = this.diff;
        const content = this.loading ? loadingBlock() : html`
          <form class="stack" @submit=${(e) => { e.preventDefault(); this.#review(); }} novalidate>
            <div class="row">
              <p class="muted grow">Paste the JSON of an export below, or load it from a file. Nothing changes
                until you review and confirm.</p>
              <input id="import-file" type="file" class="visually-hidden-file" accept=".json,application/json"
                     @change=${(e) => this.#loadFile(e)}>
              <label for="import-file" class="btn file-button">Load from JSON file</label>
            </div>
            ${textareaField({ id: "import-json", label: "Collections (JSON)", rows: 14, value: this.raw,
                error: this.parsed?.error || errorAt(this.errors, "collections"),
                oninput: (e) => { this.raw = e.target.value; this.errors = {}; } })}
            ${checkboxField({ id: "import-delete-missing", checked: this.deleteMissing,
                label: "Delete the collections and fields the import does not have",
                help: "System collections and fields are always kept.",
                onchange: (e) => (this.deleteMissing = e.target.checked) })}
            ${this.conflicts?.length ? html`<div class="alert warning import-conflicts">
              <p>${this.conflicts.map((c, i) => html`${i ? ", " : ""}<strong>${c.name}</strong>`)} already
                ${this.conflicts.length === 1 ? "exists" : "exist"} here with another id (an export of another
                instance?): imported as is, ${this.conflicts.length === 1 ? "it" : "they"} would clash with the stored
                ${this.conflicts.length === 1 ? "one" : "ones"}.</p>
              <button type="button" id="import-adopt-ids" class="btn sm" @click=${() => this.#adoptIds()}>
                Use the stored ids</button>
            </div>` : nothing}
            ${d ? html`<p class="import-summary" role="status">${this.changeCount === 0
                ? "Nothing to change: the collections already match."
                : html`${d.added.length} to add, ${d.changed.length} to change, ${d.deleted.length} to delete
                  ${d.unchanged ? html`(${d.unchanged} unchanged)` : nothing}.`}</p>` : nothing}
            <div class="form-actions">
              ${this.raw ? html`<button type="button" class="btn ghost"
                  @click=${() => { this.raw = ""; this.errors = {}; }}>Clear</button>` : nothing}
              <button type="submit" class="btn primary" ?disabled=${!d || this.changeCount === 0}>Review changes</button>
            </div>
          </form>
          ${this.#reviewDialog()}`;
        return settingsFrame(this.route, "Import collections", content);
    }

    #adoptIds() {
        this.raw = JSON.stringify(adoptStoredIds(this.current, this.parsed.collections), null, 2);
    }

    #review() {
        if (this.diff && this.changeCount > 0) {
            this.reviewing = true;
        }
    }

    #reviewDialog() {
        const d = this.diff;
        const body = this.reviewing && d ? html`<div class="stack import-review">
            ${d.deleted.length ? html`<p class="alert danger">${d.deleted.length} collection(s) and all their records
              will be deleted.</p>` : nothing}
            ${section("Added", "import-added", d.added, (c) => html`<li>${collectionName(c)}
              ${fieldList("New fields", c.fields)}</li>`)}
            ${section("Changed", "import-changed", d.changed, (ch) => html`<li>${collectionName(ch.collection,
                ch.old.name !== ch.collection.name ? ch.old.name : "")}${changedDetails(ch)}</li>`)}
            ${section("Deleted", "import-deleted", d.deleted, (c) => html`<li>${collectionName(c)}</li>`)}
          </div>` : nothing;
        const destructive = d && (d.deleted.length > 0 || d.changed.some((ch) => ch.fields.removed.length));
        return html`<lk-dialog size="lg" heading="Review the changes" .open=${this.reviewing}
            @lk-close=${() => { if (!this.importing) this.reviewing = false; }}
            .body=${body}
            .footer=${html`
              <button type="button" class="btn ghost" ?disabled=${this.importing}
                      @click=${() => (this.reviewing = false)}>Cancel</button>
              <button type="button" class="btn ${destructive ? "danger" : "primary"}" ?disabled=${this.importing}
                      aria-busy=${this.importing ? "true" : "false"} @click=${() => this.#import()}>Import</button>`}>
          </lk-dialog>`;
    }

    async #import() {
        if (this.importing || !this.parsed?.collections) {
            return;
        }
        const ok = await submitting(this, () => api.send("/api/collections/import", { method: "PUT",
            body: { collections: this.parsed.collections, deleteMissing: this.deleteMissing } }), { busy: "importing" });
        this.reviewing = false;
        if (ok) {
            toast.clear();
            toast.success("Collections imported.");
            this.raw = "";
            await this.load();
        }
    }

    async #loadFile(e) {
        const input = e.target;
        const file = input.files?.[0];
        if (!file) {
            return;
        }
        try {
            this.raw = await file.text();
            this.errors = {};
        } catch {
            toast.error("Failed to read " + file.name + ".");
        } finally {
            input.value = "";
        }
    }
}
customElements.define("lk-import-collections-page", ImportCollectionsPage);

function section(title, id, items, row) {
    if (!items.length) {
        return nothing;
    }
    return html`<section class="import-section ${id}" aria-labelledby=${id}>
      <h3 id=${id}>${title} (${items.length})</h3>
      <ul class="import-list">${items.map(row)}</ul>
    </section>`;
}

function collectionName(c, renamedFrom = "") {
    return html`<strong>${c.name}</strong> <span class="badge">${c.type || "base"}</span>${renamedFrom
        ? html` <span class="muted">(renamed from ${renamedFrom})</span>` : nothing}`;
}

function fieldList(label, fields) {
    const list = (Array.isArray(fields) ? fields : []).filter((f) => !f.system);
    if (!list.length) {
        return nothing;
    }
    return html`<div class="muted">${label}: ${list.map((f, i) => html`${i ? ", " : ""}<code>${f.name}</code>
      ${f.type}`)}</div>`;
}

function show(value) {
    if (value === undefined) {
        return "—";
    }
    const text = JSON.stringify(value);
    return text.length > 160 ? text.slice(0, 157) + "…" : text;
}

function changedDetails(ch) {
    const { props, fields } = ch;
    return html`<ul class="import-changes">
      ${props.map((p) => html`<li class="change-prop"><code>${p.prop}</code>: <del>${show(p.before)}</del> →
        <ins>${show(p.after)}</ins></li>`)}
      ${fields.added.map((f) => html`<li class="change-added">Field added: <code>${f.name}</code> ${f.type}</li>`)}
      ${fields.removed.map((f) => html`<li class="change-removed">Field deleted: <code>${f.name}</code> ${f.type}
        (its data is lost)</li>`)}
      ${fields.changed.map((fc) => html`<li class="change-field">Field changed: <code>${fc.field.name}</code>
        <ul>${fc.props.map((p) => html`<li><code>${p.prop}</code>: <del>${show(p.before)}</del> →
          <ins>${show(p.after)}</ins></li>`)}</ul></li>`)}
    </ul>`;
}

// <lk-collection-editor>: creates and edits a collection in a side panel: name and type, fields (every type with
// its options, rename keeps the field's id so the server renames the column and keeps its data, reorder,
// remove and restore), indexes, the API rules, a view's query with a dry-run preview, and an auth collection's
// options. Also duplicates, truncates and deletes. Server errors land next to what they are about.
//
//   <lk-collection-editor @lk-saved=${…} @lk-deleted=${…}></lk-collection-editor>  then  editor.openNew("base")
//   or editor.openEdit(collection)

import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError, submitting } from "../../core/errors.js";
import { confirmDialog } from "../../ui/dialog.js";
import { field, selectField, textareaField, checkboxField } from "../../ui/field.js";
import { toast } from "../../ui/toasts.js";
import { collections } from "./store.js";
import { FIELD_TYPES, newField, typeInfo, typeOptions } from "./field-types.js";
import { buildIndex, indexForm, newIndexSql, parseIndex, renameIndexColumn, withoutColumn } from "./indexes.js";
import { authOptions } from "./auth-options.js";
import { API_RULES, ruleSuggestions } from "./rule-input.js";
import { excerpt, randomId } from "./format.js";
import { confirmChanges, deleteCollection, payloadOf, setPath, truncateCollection, withKey } from "./collection-draft.js";

export class LkCollectionEditor extends LkElement {
    static properties = {
        open: { state: true },
        draft: { state: true },
        original: { state: true },
        tab: { state: true },
        errors: { state: true },
        busy: { state: true },
        providers: { state: true },
        index: { state: true },
        preview: { state: true },
        all: { state: true },
    };

    constructor() {
        super();
        this.open = false;
        this.draft = null;
        this.original = null;
        this.tab = "fields";
        this.errors = {};
        this.busy = false;
        this.providers = [];
        this.index = null;
        this.preview = null;
        this.all = collections.all;
        this.snapshot = "";
        this.previewTimer = 0;
        this.previewTicket = 0;
    }

    connectedCallback() {
        super.connectedCallback();
        this.stop = collections.onChange((list) => (this.all = list));
    }

    disconnectedCallback() {
        this.stop?.();
        clearTimeout(this.previewTimer);
        super.disconnectedCallback();
    }

    get isNew() {
        return !this.original;
    }

    get dirty() {
        return !!this.draft && JSON.stringify(payloadOf(this.draft)) !== this.snapshot;
    }

    /** Opens an empty collection of `type`, from the server's scaffolds (base and auth get created/updated). */
    async openNew(type = "base") {
        try {
            const scaffolds = await collections.scaffolds();
            const draft = scaffolds[type];
            if (type !== "view") {
                draft.fields.push({ ...newField("autodate", "created"), onCreate: true, onUpdate: false },
                    { ...newField("autodate", "updated"), onCreate: true, onUpdate: true });
            }
            this.#start(draft, null);
        } catch (err) {
            showError(err);
        }
    }

    openEdit(collection) {
        this.#start(structuredClone(collection), collection);
    }

    /** Opens a copy of `collection` as a new one (fields lose their ids, indexes get new names). */
    openDuplicate(collection) {
        const copy = structuredClone(collection);
        copy.id = "";
        copy.system = false;
        copy.name = collection.name + "_duplicate";
        copy.created = "";
        copy.updated = "";
        copy.fields = (copy.fields || []).map(({ id, ...f }) => f);
        copy.indexes = (copy.indexes || []).map((sql) => {
            const p = parseIndex(sql);
            return p ? buildIndex({ ...p, name: p.name + "_" + randomId(3), table: copy.name }) : sql;
        });
        this.#start(copy, null);
    }

    #start(draft, original) {
        draft.fields = (draft.fields || []).map(withKey);
        draft.indexes = draft.indexes || [];
        this.original = original;
        this.draft = draft;
        this.snapshot = JSON.stringify(payloadOf(draft));
        this.errors = {};
        this.index = null;
        this.preview = null;
        this.tab = draft.type === "view" ? "query" : "fields";
        this.open = true;
        if (draft.type === "auth") {
            collections.oauth2Providers().then((p) => (this.providers = p)).catch(showError);
        }
        if (draft.type === "view" && draft.viewQuery) {
            this.#runPreview();
        }
        this.#beforeUnload(true);
    }

    #beforeUnload(on) {
        this.unload ??= (e) => {
            if (this.open && this.dirty) {
                e.preventDefault();
                e.returnValue = "";
            }
        };
        window[on ? "addEventListener" : "removeEventListener"]("beforeunload", this.unload);
    }

    async #requestClose() {
        if (this.busy) {
            return;
        }
        if (this.dirty && !(await confirmDialog({ heading: "Discard changes?",
            message: "The collection has unsaved changes.", confirmText: "Discard", danger: true }))) {
            return;
        }
        this.#close();
    }

    #close() {
        this.open = false;
        this.index = null;
        this.#beforeUnload(false);
    }

    set(path, value) {
        this.draft = setPath(this.draft, path, value);
    }

    render() {
        if (!this.draft) {
            return nothing;
        }
        const d = this.draft;
        const heading = this.isNew ? "New " + d.type + " collection" : "Edit " + (this.original?.name || "");
        return html`
          <lk-dialog size="panel" heading=${heading} .open=${this.open} @lk-close=${(e) => this.#onClose(e)}
              .body=${this.#body()} .footer=${this.#footer()}></lk-dialog>
          <lk-dialog size="md" heading="Index" .open=${!!this.index} @lk-close=${() => (this.index = null)}
              .body=${this.index ? this.#indexBody() : nothing} .footer=${html`
                ${this.index?.at >= 0 ? html`<button type="button" class="btn ghost danger-text" @click=${(e) => this.#removeIndex(e)}>Remove index</button>` : nothing}
                <button type="button" class="btn ghost" @click=${() => (this.index = null)}>Cancel</button>
                <button type="button" class="btn primary" @click=${(e) => this.#keepIndex(e)}>Set index</button>`}></lk-dialog>`;
    }

    #onClose(e) {
        // a nested dialog's close bubbles through this one: only ours counts
        if (e.target.getAttribute("size") === "panel") {
            this.#requestClose();
        }
    }

    #body() {
        const d = this.draft;
        const tabs = d.type === "view" ? [["query", "Query"], ["rules", "API rules"]]
            : d.type === "auth" ? [["fields", "Fields"], ["rules", "API rules"], ["options", "Options"]]
                : [["fields", "Fields"], ["rules", "API rules"]];
        return html`
          <form id="collection-form" class="stack" novalidate @submit=${(e) => this.#save(e)}>
            <div class="form-grid collection-head">
              ${field({ id: "collection-name", label: "Name", value: d.name, required: true, autofocus: this.isNew,
                  placeholder: 'e.g. "posts"', disabled: !!d.system, error: errorAt(this.errors, "name"),
                  oninput: (e) => this.set("name", e.target.value) })}
              ${this.isNew ? selectField({ id: "collection-type", label: "Type", value: d.type,
                  options: [{ value: "base", label: "Base" }, { value: "auth", label: "Auth" }, { value: "view", label: "View" }],
                  onchange: (e) => this.#changeType(e.target.value) })
                  : html`<div class="field"><span class="label-like">Type</span><span class="badge type-${d.type}">${d.type}</span></div>`}
            </div>
            ${d.system ? html`<p class="alert info">A system collection: its name and system fields cannot change.</p>` : nothing}
            <div role="tablist" class="tabs" aria-label="Collection settings" @keydown=${(e) => this.#tabKeys(e)}>
              ${tabs.map(([key, label]) => html`<button type="button" role="tab" id="ctab-${key}"
                  aria-selected=${this.tab === key ? "true" : "false"} aria-controls="cpanel-${key}"
                  tabindex=${this.tab === key ? "0" : "-1"} class=${this.#tabHasError(key) ? "has-error" : ""}
                  @click=${() => (this.tab = key)}>${label}${this.#tabHasError(key)
                      ? html`<span class="sr-only"> (has errors)</span><span aria-hidden="true"> •</span>` : nothing}</button>`)}
            </div>
            <div role="tabpanel" id="cpanel-${this.tab}" aria-labelledby="ctab-${this.tab}" class="tabpanel">
              ${this.tab === "fields" ? this.#fieldsTab()
                  : this.tab === "rules" ? this.#rulesTab()
                      : this.tab === "options" ? authOptions({ c: d, set: (p, v) => this.set(p, v),
                          error: (p) => errorAt(this.errors, p), providers: this.providers,
                          suggestions: ruleSuggestions(d, this.all) })
                          : this.#queryTab()}
            </div>
          </form>`;
    }

    #tabHasError(tab) {
        const keysWithErrors = Object.keys(this.errors || {});
        const ruleKeys = [...API_RULES.map((r) => r[0]), "manageRule", "authRule"];
        switch (tab) {
            case "fields":
                return keysWithErrors.some((k) => k === "fields" || k === "indexes");
            case "rules":
                return keysWithErrors.some((k) => ruleKeys.includes(k));
            case "query":
                return keysWithErrors.some((k) => k === "viewQuery" || k === "fields");
            default:
                return keysWithErrors.some((k) => !["name", "type", "fields", "indexes", "viewQuery", ...ruleKeys].includes(k));
        }
    }

    #tabKeys(e) {
        if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") {
            return;
        }
        const tabs = [...this.querySelectorAll("[role=tab]")];
        const i = tabs.indexOf(document.activeElement);
        if (i < 0) {
            return;
        }
        const next = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
        next.click();
        next.focus();
    }

    async #changeType(type) {
        const name = this.draft.name;
        await this.openNew(type);
        this.set("name", name);
        this.snapshot = "";
    }

    // ---- fields ----

    #fieldsTab() {
        const d = this.draft;
        let sent = -1;
        return html`
          <ol class="field-list" aria-label="Fields">
            ${repeat(d.fields, (f) => f._key, (f, i) => {
                const index = f._removed ? -1 : ++sent;
                return this.#fieldCard(f, i, index);
            })}
          </ol>
          ${errorAt(this.errors, "fields") ? html`<p class="field-error">${errorAt(this.errors, "fields")}</p>` : nothing}
          <details class="menu add-field">
            <summary class="btn">+ New field</summary>
            <div class="menu-items" role="group" aria-label="Field types">
              ${FIELD_TYPES.map((t) => html`<button type="button" class="btn ghost" @click=${(e) => this.#addField(t.type, e)}>
                <span class="ftype" aria-hidden="true">${t.glyph}</span>${t.label}</button>`)}
            </div>
          </details>
          <section class="indexes" aria-labelledby="indexes-title">
            <h3 id="indexes-title">Indexes</h3>
            <ul class="chips">
              ${d.indexes.map((sql, i) => {
                  const p = parseIndex(sql);
                  const label = p ? (p.unique ? "Unique: " : "") + (p.columns.map((c) => c.name).join(", ") || "(no column)") : excerpt(sql, 40);
                  const err = errorAt(this.errors, "indexes." + i);
                  return html`<li><button type="button" class="chip ${err ? "invalid" : ""}" title=${sql}
                      @click=${() => (this.index = { at: i, sql, error: err })}>${label}</button>
                      ${err ? html`<span class="field-error">${err}</span>` : nothing}</li>`;
              })}
              <li><button type="button" class="btn sm" @click=${() => (this.index = { at: -1, sql: newIndexSql(d.name), error: "" })}>
                + New index</button></li>
            </ul>
            ${errorAt(this.errors, "indexes") ? html`<p class="field-error">${errorAt(this.errors, "indexes")}</p>` : nothing}
          </section>`;
    }

    #fieldCard(f, i, sentIndex) {
        const info = typeInfo(f.type);
        const id = "fld-" + f._key;
        const err = (p) => (sentIndex >= 0 ? errorAt(this.errors, `fields.${sentIndex}.${p}`) : "");
        const hasError = sentIndex >= 0 && !!this.errors?.fields?.[sentIndex];
        const open = f._open || hasError;
        const count = this.draft.fields.length;
        const who = f.name || "new " + info.label.toLowerCase() + " field";
        return html`
          <li class="fcard ${f._removed ? "removed" : ""} ${hasError ? "invalid" : ""}" data-field=${f.name}
              @dragover=${(e) => e.preventDefault()} @drop=${(e) => this.#drop(e, i)}>
            <div class="fcard-head">
              <span class="drag" draggable="true" title="Drag to reorder" aria-hidden="true"
                    @dragstart=${(e) => { this.dragFrom = i; e.dataTransfer.effectAllowed = "move"; }}>⋮⋮</span>
              <span class="ftype" title=${info.label} aria-hidden="true">${info.glyph}</span>
              <input id="${id}-name" class="fname" .value=${f.name} ?disabled=${!!f.system || f._removed}
                     aria-label="Field name (${info.label})" aria-invalid=${err("name") ? "true" : "false"}
                     aria-describedby=${err("name") ? id + "-name-error" : nothing} placeholder="Field name"
                     @focus=${() => (this.nameAtFocus = f.name)} @input=${(e) => this.#updateField(i, { name: e.target.value })}
                     @change=${(e) => this.#renamed(this.nameAtFocus, e.target.value)}>
              <span class="fbadges">
                <span class="muted">${info.label}</span>
                ${f.system ? html`<span class="badge">system</span>` : nothing}
                ${f.required ? html`<span class="badge">required</span>` : nothing}
                ${f.hidden ? html`<span class="badge">hidden</span>` : nothing}
                ${f.presentable ? html`<span class="badge">presentable</span>` : nothing}
                ${f.id ? nothing : html`<span class="badge on">new</span>`}
              </span>
              <span class="fcard-actions">
                ${f._removed ? html`<button type="button" class="btn sm" @click=${() => this.#updateField(i, { _removed: false })}>
                    Restore ${who}</button>` : html`
                  <button type="button" class="btn sm ghost icon" aria-label="Move ${who} up" ?disabled=${i === 0}
                          @click=${() => this.#move(i, i - 1)}>↑</button>
                  <button type="button" class="btn sm ghost icon" aria-label="Move ${who} down" ?disabled=${i === count - 1}
                          @click=${() => this.#move(i, i + 1)}>↓</button>
                  <button type="button" class="btn sm ${open ? "" : "ghost"}" aria-expanded=${open ? "true" : "false"}
                          aria-controls="${id}-body" aria-label="Options of ${who}"
                          @click=${() => this.#updateField(i, { _open: !open })}>Options</button>`}
              </span>
            </div>
            ${err("name") ? html`<p class="field-error" id="${id}-name-error">${err("name")}</p>` : nothing}
            ${f._removed ? html`<p class="field-help">Removed on save, with its data.</p>` : nothing}
            <div class="fcard-body stack" id="${id}-body" ?hidden=${!open || f._removed}>
              ${open && !f._removed ? html`
                ${typeOptions({ id, field: f, error: err, collections: this.all, collection: this.draft,
                    set: (patch) => this.#updateField(i, patch) })}
                <div class="row flags">
                  ${f.type === "autodate" ? nothing : checkboxField({ id: id + "-required", label: "Nonempty (required)",
                      checked: !!f.required, error: err("required"), onchange: (e) => this.#updateField(i, { required: e.target.checked }) })}
                  ${checkboxField({ id: id + "-hidden", label: "Hidden from the API", checked: !!f.hidden, error: err("hidden"),
                      onchange: (e) => this.#updateField(i, { hidden: e.target.checked }) })}
                  ${checkboxField({ id: id + "-presentable", label: "Presentable (labels relations)", checked: !!f.presentable,
                      onchange: (e) => this.#updateField(i, { presentable: e.target.checked }) })}
                </div>
                ${field({ id: id + "-help", label: "Help text", value: f.help || "", error: err("help"),
                    oninput: (e) => this.#updateField(i, { help: e.target.value }) })}
                ${f.system ? nothing : html`<div class="row">
                  <button type="button" class="btn sm danger-text" @click=${() => this.#updateField(i, { _removed: true, _open: false })}>
                    Remove ${who}</button></div>`}` : nothing}
            </div>
          </li>`;
    }

    #updateField(i, patch) {
        const fields = this.draft.fields.map((f, j) => (j === i ? { ...f, ...patch } : f));
        let draft = { ...this.draft, fields };
        if (patch._removed === true && this.draft.fields[i].name) {
            // its indexes would fail: the column is gone (upstream's dashboard drops them too)
            draft.indexes = withoutColumn(draft.indexes, this.draft.fields[i].name);
        }
        this.draft = draft;
    }

    #renamed(from, to) {
        if (from && to && from !== to) {
            this.draft = { ...this.draft, indexes: this.draft.indexes.map((sql) => renameIndexColumn(sql, from, to)) };
        }
    }

    #move(from, to) {
        const fields = [...this.draft.fields];
        if (to < 0 || to >= fields.length) {
            return;
        }
        const [f] = fields.splice(from, 1);
        fields.splice(to, 0, f);
        this.draft = { ...this.draft, fields };
        // keep the keyboard on the same button of the moved field
        const button = document.activeElement;
        const label = button?.getAttribute?.("aria-label");
        this.updateComplete.then(() => label && this.querySelector(`[aria-label="${CSS.escape(label)}"]`)?.focus());
    }

    #drop(e, to) {
        e.preventDefault();
        if (this.dragFrom !== undefined && this.dragFrom !== to) {
            this.#move(this.dragFrom, to);
        }
        this.dragFrom = undefined;
    }

    async #addField(type, e) {
        e.target.closest("details")?.removeAttribute("open");
        const used = new Set(this.draft.fields.map((f) => f.name));
        let name = "field";
        for (let n = 2; used.has(name); n++) {
            name = "field" + n;
        }
        const f = withKey({ ...newField(type, name), _open: true });
        // new fields go before the trailing autodate fields, as upstream places them
        const fields = [...this.draft.fields];
        let at = fields.length;
        while (at > 0 && fields[at - 1].type === "autodate" && !fields[at - 1]._removed) {
            at--;
        }
        fields.splice(at, 0, f);
        this.draft = { ...this.draft, fields };
        await this.updateComplete;
        const input = this.querySelector(`#fld-${f._key}-name`);
        input?.focus();
        input?.select();
    }

    // ---- indexes ----

    #indexBody() {
        const columns = this.draft.fields.filter((f) => !f._removed && f.name).map((f) => f.name);
        return indexForm({ sql: this.index.sql, columns, error: this.index.error,
            set: (sql) => (this.index = { ...this.index, sql, error: "" }) });
    }

    #keepIndex() {
        const { at, sql } = this.index;
        const indexes = [...this.draft.indexes];
        if (at >= 0) {
            indexes[at] = sql.trim();
        } else {
            indexes.push(sql.trim());
        }
        this.draft = { ...this.draft, indexes };
        this.index = null;
    }

    #removeIndex() {
        this.draft = { ...this.draft, indexes: this.draft.indexes.filter((_, j) => j !== this.index.at) };
        this.index = null;
    }

    // ---- rules ----

    #rulesTab() {
        const d = this.draft;
        const suggestions = ruleSuggestions({ ...d, fields: d.fields.filter((f) => !f._removed) }, this.all);
        const rule = (key, label, help, lockable = true) => html`
          <lk-rule-input id="rule-${key}" label=${label} .value=${d[key]} .lockable=${lockable}
              .help=${help} .error=${errorAt(this.errors, key)} .suggestions=${suggestions}
              @lk-change=${(e) => this.set(key, e.detail.value)}></lk-rule-input>`;
        return html`
          <div class="stack">
            <p class="field-help">A rule is a filter: the request is allowed for the records it matches. Locked rules let only
              superusers in; an empty rule lets everyone in.</p>
            ${API_RULES.map(([key, label, help]) => rule(key, label, help))}
            ${d.type === "auth" ? html`
              <hr>
              ${rule("authRule", "Authentication rule", "Which records may sign in (e.g. verified = true).")}
              ${rule("manageRule", "Manage rule", "Who may change other users' email, password and verified state without their old password.")}` : nothing}
          </div>`;
    }

    // ---- view query ----

    #queryTab() {
        const d = this.draft;
        const p = this.preview;
        return html`
          <div class="stack">
            ${textareaField({ id: "collection-viewQuery", label: "SELECT query", rows: 8, value: d.viewQuery || "",
                required: true, placeholder: "SELECT id, title, created FROM posts WHERE status = 'published'",
                error: errorAt(this.errors, "viewQuery"),
                help: "Each row needs a unique id column; fields are inferred from the columns.",
                oninput: (e) => { this.set("viewQuery", e.target.value); this.#previewSoon(); } })}
            <section aria-labelledby="preview-title" aria-live="polite">
              <h3 id="preview-title">Preview ${p?.busy ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}</h3>
              ${!p ? html`<p class="muted">Type a query to see its fields and first rows.</p>`
                  : p.error ? html`<p class="alert danger preview-error">${p.error}</p>`
                      : html`
                        <p><strong>Fields:</strong> ${(p.fields || []).map((f) => html`<span class="badge">${f.name}: ${f.type}</span> `)}</p>
                        <div class="table-wrap"><table class="table">
                          <thead><tr>${(p.fields || []).map((f) => html`<th scope="col">${f.name}</th>`)}</tr></thead>
                          <tbody>${(p.sample || []).map((r) => html`<tr>${(p.fields || []).map((f) =>
                              html`<td>${excerpt(typeof r[f.name] === "object" ? JSON.stringify(r[f.name]) : r[f.name], 40)}</td>`)}</tr>`)}
                          ${(p.sample || []).length === 0 ? html`<tr><td colspan=${(p.fields || []).length || 1} class="muted">No rows.</td></tr>` : nothing}
                          </tbody></table></div>`}
            </section>
          </div>`;
    }

    #previewSoon() {
        clearTimeout(this.previewTimer);
        this.previewTimer = setTimeout(() => this.#runPreview(), 300);
    }

    async #runPreview() {
        const query = (this.draft?.viewQuery || "").trim();
        const ticket = ++this.previewTicket;
        if (!query) {
            this.preview = null;
            return;
        }
        this.preview = { ...(this.preview || {}), busy: true };
        try {
            const result = await api.send("/api/collections/meta/dry-run-view", { method: "POST", body: { query } });
            if (ticket === this.previewTicket) {
                this.preview = { fields: result?.fields || [], sample: result?.sample || [] };
            }
        } catch (err) {
            if (ticket === this.previewTicket) {
                this.preview = { error: errorAt(fieldErrors(err), "query") || err.message };
            }
        }
    }

    // ---- footer: save, duplicate, truncate, delete ----

    #footer() {
        const d = this.draft;
        return html`
          ${this.isNew || d.system ? nothing : html`
            <details class="menu up">
              <summary class="btn ghost">More actions</summary>
              <div class="menu-items" role="group" aria-label="More actions">
                <button type="button" class="btn ghost" @click=${(e) => this.#duplicate(e)}>Duplicate</button>
                ${d.type === "view" ? nothing : html`<button type="button" class="btn ghost danger-text" @click=${(e) => this.#truncate(e)}>
                  Delete all records</button>`}
                <button type="button" class="btn ghost danger-text" @click=${(e) => this.#delete(e)}>Delete collection</button>
              </div>
            </details>`}
          <span class="grow"></span>
          <button type="button" class="btn ghost" @click=${() => this.#requestClose()}>Cancel</button>
          <button type="submit" form="collection-form" class="btn primary" ?disabled=${this.busy}
                  aria-busy=${this.busy ? "true" : "false"}>${this.isNew ? "Create" : "Save changes"}</button>`;
    }

    async #save(e) {
        e.preventDefault();
        if (this.busy) {
            return;
        }
        const body = payloadOf(this.draft);
        if (!this.isNew && !(await confirmChanges(this.original, this.draft, body))) {
            return;
        }
        let saved;
        const created = this.isNew;
        const ok = await submitting(this, async () => {
            saved = created
                ? await api.send("/api/collections", { method: "POST", body })
                : await api.send("/api/collections/" + encodeURIComponent(this.original.id), { method: "PATCH", body });
        });
        if (ok) {
            toast.clear();
            toast.success((created ? "Created " : "Saved ") + saved.name + ".");
            collections.replace(saved);
            this.#close();
            this.dispatchEvent(new CustomEvent("lk-saved", { detail: { collection: saved, created } }));
        } else {
            this.#showErrorTab();
        }
    }

    #showErrorTab() {
        if (this.#tabHasError(this.tab)) {
            return;
        }
        const order = this.draft.type === "view" ? ["query", "rules"] : ["fields", "rules", "options"];
        const tab = order.find((t) => this.#tabHasError(t));
        if (tab) {
            this.tab = tab;
        }
    }

    #duplicate(e) {
        e.target.closest("details")?.removeAttribute("open");
        const source = this.original;
        this.openDuplicate(source);
    }

    async #truncate(e) {
        e.target.closest("details")?.removeAttribute("open");
        if (await truncateCollection(this.original)) {
            this.dispatchEvent(new CustomEvent("lk-truncated", { detail: { collection: this.original } }));
        }
    }

    async #delete(e) {
        e.target.closest("details")?.removeAttribute("open");
        const c = this.original;
        if (await deleteCollection(c)) {
            this.#close();
            this.dispatchEvent(new CustomEvent("lk-deleted", { detail: { collection: c } }));
        }
    }
}
customElements.define("lk-collection-editor", LkCollectionEditor);

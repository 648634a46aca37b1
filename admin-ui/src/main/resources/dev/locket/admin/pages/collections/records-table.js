// <lk-records-table>: the records of one collection, one page at a time from the server (skipTotal: the
// page size tells whether there is a next page, so a collection of 100,000 records lists as fast as a small
// one; the total is counted apart and shown when it arrives). Sortable columns, a filter bar that takes the
// filter language (its errors shown under it), a column picker, bulk select and delete, and live updates
// through realtime when someone else creates, changes or deletes a record.
//
//   <lk-records-table .collection=${c} .filter=${f} .sort=${s} @lk-open=${…} @lk-query=${…}></lk-records-table>

import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { showError } from "../../core/errors.js";
import { realtime, topicWithOptions } from "../../core/realtime.js";
import { confirmDialog } from "../../ui/dialog.js";
import { toast } from "../../ui/toasts.js";
import { collections } from "./store.js";
import { searchFilter } from "./search.js";
import { copyText, excerpt, fileUrl, htmlToText, isImage, protectedFileToken, recordLabel, shortDate, toArray } from "./format.js";

const PER_PAGE_CHOICES = [20, 40, 100];
const COLUMNS_KEY = "locket.columns.";
const COPY_ICON = html`<svg class="icon-svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="none"
  stroke="currentColor" stroke-width="2" d="M9 9h11v11H9zM5 15H4V4h11v1"/></svg>`;

export class LkRecordsTable extends LkElement {
    static properties = {
        collection: { attribute: false },
        filter: { attribute: false },
        sort: { attribute: false },
        items: { state: true },
        page: { state: true },
        perPage: { state: true },
        hasMore: { state: true },
        total: { state: true },
        loading: { state: true },
        error: { state: true },
        selected: { state: true },
        hiddenColumns: { state: true },
        draftFilter: { state: true },
        live: { state: true },
        pendingNew: { state: true },
        announcement: { state: true },
        fresh: { state: true },
    };

    constructor() {
        super();
        this.collection = null;
        this.filter = "";
        this.sort = "";
        this.items = [];
        this.page = 1;
        this.perPage = 40;
        this.hasMore = false;
        this.total = null;
        this.loading = false;
        this.error = "";
        this.selected = new Set();
        this.hiddenColumns = new Set();
        this.draftFilter = "";
        this.live = false;
        this.pendingNew = 0;
        this.announcement = "";
        this.fresh = new Set();
        this.ticket = 0;
        this.fileToken = "";
        this.unsubscribe = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this.stopState = realtime.onState((up) => (this.live = up && !!this.unsubscribe));
    }

    disconnectedCallback() {
        this.stopState?.();
        clearTimeout(this.recountTimer);
        this.#unsubscribe();
        super.disconnectedCallback();
    }

    willUpdate(changed) {
        if (changed.has("collection") && this.collection?.id !== changed.get("collection")?.id) {
            this.hiddenColumns = this.#storedHidden();
            this.selected = new Set();
            this.page = 1;
        }
        if (changed.has("filter")) {
            this.draftFilter = this.filter || "";
        }
        if ((changed.has("collection") || changed.has("filter") || changed.has("sort")) && this.collection) {
            if (changed.has("filter") || changed.has("sort")) {
                this.page = 1;
            }
            this.reload();
        }
    }

    /** Loads the current page again (and the total), and renews the live subscription. */
    reload() {
        this.#load();
        this.#count();
        this.#subscribe();
    }

    get #fields() {
        return (this.collection?.fields || []).filter((f) => f.type !== "password" && !(this.collection.type === "auth"
            && f.name === "tokenKey"));
    }

    get #columns() {
        return this.#fields.filter((f) => !this.hiddenColumns.has(f.name));
    }

    get #filterExpr() {
        return searchFilter(this.filter, this.collection);
    }

    get #defaultSort() {
        return this.collection?.type === "view" ? undefined : "-@rowid";
    }

    get #expand() {
        return this.#columns.filter((f) => f.type === "relation").map((f) => f.name).join(",") || undefined;
    }

    /** Long rich text comes as a short excerpt, as upstream's table asks for it. */
    get #fieldsParam() {
        const editors = this.#columns.filter((f) => f.type === "editor").map((f) => f.name + ":excerpt(200,true)");
        return editors.length ? ["*", ...editors].join(",") : undefined;
    }

    #storedHidden() {
        try {
            const stored = JSON.parse(localStorage.getItem(COLUMNS_KEY + this.collection.id) || "null");
            if (Array.isArray(stored)) {
                return new Set(stored);
            }
        } catch {
            // fall back on the defaults
        }
        // by default long or secret-ish columns stay out: hidden fields, editor text, JSON
        return new Set(this.#fields.filter((f) => f.hidden || f.type === "json").map((f) => f.name));
    }

    async #load() {
        const c = this.collection;
        const ticket = ++this.ticket;
        this.loading = true;
        if (c.fields.some((f) => f.type === "file" && f.protected) && !this.fileToken) {
            this.fileToken = await protectedFileToken().catch(() => "");
        }
        try {
            const result = await api.collection(c.id).getList(this.page, this.perPage, {
                skipTotal: 1,
                filter: this.#filterExpr || undefined,
                sort: this.sort || this.#defaultSort,
                expand: this.#expand,
                fields: this.#fieldsParam,
            });
            if (ticket !== this.ticket) {
                return;
            }
            this.items = result.items;
            this.hasMore = result.items.length === this.perPage;
            this.error = "";
            this.pendingNew = 0;
            this.selected = new Set([...this.selected].filter((id) => this.items.some((r) => r.id === id)));
        } catch (err) {
            if (ticket !== this.ticket) {
                return;
            }
            this.items = [];
            this.hasMore = false;
            // a bad filter or sort: said under the filter bar, not swallowed
            this.error = err.message + (err.status === 400 && (this.filter || this.sort)
                ? " Check the filter: field names, operators (=, !=, ~, >, <, ?=…), quotes and parentheses." : "");
            showError(err, { toast: false });
        } finally {
            if (ticket === this.ticket) {
                this.loading = false;
            }
        }
    }

    async #count({ quiet = false } = {}) {
        const ticket = (this.countTicket = (this.countTicket || 0) + 1);
        if (!quiet) {
            this.total = null;
        }
        try {
            // as upstream's dashboard: one row, id only, in a request of its own so the page never waits for it
            const result = await api.collection(this.collection.id).getList(1, 1, {
                filter: this.#filterExpr || undefined, fields: "id",
            });
            if (ticket === this.countTicket) {
                this.total = result.totalItems;
            }
        } catch {
            // the page's own request reports a bad filter
        }
    }

    // ---- live updates ----

    async #subscribe() {
        this.#unsubscribe();
        const c = this.collection;
        if (!c || c.type === "view") {
            this.live = false;
            return;
        }
        const topic = topicWithOptions(c.name + "/*", { expand: this.#expand, filter: this.#filterExpr || undefined });
        const key = (this.subscriptionKey = topic + Math.random());
        try {
            const stop = await realtime.subscribe(topic, (e) => this.#onEvent(e));
            if (key !== this.subscriptionKey) {
                stop();
                return;
            }
            this.unsubscribe = stop;
            this.live = realtime.connected;
        } catch {
            this.live = false;
        }
    }

    #unsubscribe() {
        this.subscriptionKey = null;
        this.unsubscribe?.();
        this.unsubscribe = null;
        this.live = false;
    }

    #onEvent({ action, record } = {}) {
        if (!record?.id) {
            return;
        }
        const present = this.items.some((r) => r.id === record.id);
        if (action !== "update") {
            this.#recountSoon();
        }
        if (action === "create") {
            if (present) {
                this.upsert(record);
                return;
            }
            if (this.page === 1 && !this.sort) {
                // newest first: it belongs at the top of the first page
                this.upsert(record, { prepend: true });
                this.#announce("A record was added: " + recordLabel(record, this.collection) + ".");
            } else {
                this.pendingNew++;
                this.#announce(this.pendingNew + " new record(s) not shown on this page.");
            }
        } else if (action === "update" && present) {
            this.upsert(record);
            this.#announce("Record " + record.id + " was changed.");
        } else if (action === "delete") {
            if (present) {
                this.removeRecord(record.id);
                this.#announce("Record " + record.id + " was deleted.");
            }
        }
    }

    /** Counts again after a burst of creates and deletes (ours included: arithmetic would count them twice). */
    #recountSoon() {
        clearTimeout(this.recountTimer);
        this.recountTimer = setTimeout(() => this.#count({ quiet: true }), 300);
    }

    #announce(text) {
        this.announcement = text;
    }

    /** Puts a record into the page (replacing one with its id), briefly highlighted. */
    upsert(record, { prepend = false } = {}) {
        const at = this.items.findIndex((r) => r.id === record.id);
        if (at >= 0) {
            const keepExpand = record.expand ? record : { ...record, expand: this.items[at].expand };
            this.items = this.items.map((r, i) => (i === at ? keepExpand : r));
        } else if (prepend) {
            this.items = [record, ...this.items].slice(0, this.perPage);
            this.hasMore = this.hasMore || this.items.length === this.perPage;
        } else {
            return;
        }
        this.fresh = new Set([...this.fresh, record.id]);
        setTimeout(() => {
            this.fresh = new Set([...this.fresh].filter((id) => id !== record.id));
        }, 2000);
    }

    removeRecord(id) {
        this.items = this.items.filter((r) => r.id !== id);
        this.selected = new Set([...this.selected].filter((x) => x !== id));
    }

    // ---- rendering ----

    render() {
        const c = this.collection;
        if (!c) {
            return nothing;
        }
        const columns = this.#columns;
        const allSelected = this.items.length > 0 && this.items.every((r) => this.selected.has(r.id));
        return html`
          <div class="records-toolbar">
            <form class="filter-bar" role="search" @submit=${(e) => this.#applyFilter(e)}>
              <div class="field">
                <label for="records-filter">Filter</label>
                <div class="input-group ${this.error ? "invalid" : ""}">
                  <input id="records-filter" type="search" class="mono" autocomplete="off" spellcheck="false"
                         .value=${this.draftFilter} aria-invalid=${this.error ? "true" : "false"}
                         aria-describedby=${this.error ? "records-filter-error" : "records-filter-help"}
                         placeholder='Search, or e.g. title ~ "hello" && created > "2024-01-01"'
                         @input=${(e) => (this.draftFilter = e.target.value)}>
                  <button type="submit" class="btn sm">Apply</button>
                </div>
                ${this.error ? html`<p class="field-error" id="records-filter-error">${this.error}</p>`
                    : html`<p class="field-help sr-only" id="records-filter-help">Plain words search every text field; an
                        expression with =, ~, &lt; or &gt; is sent as a filter.</p>`}
              </div>
              ${this.filter ? html`<button type="button" class="btn sm ghost" @click=${(e) => this.#clearFilter(e)}>Clear filter</button>` : nothing}
            </form>
            <div class="row toolbar-actions">
              <span class="live ${this.live ? "on" : ""}" title="Updates arrive as they happen">
                ${this.live ? "● Live" : "○ Not live"}</span>
              <details class="menu columns-menu">
                <summary class="btn sm">Columns</summary>
                <fieldset class="menu-items choices">
                  <legend>Shown columns</legend>
                  ${this.#fields.map((f) => html`<div class="field check">
                    <input type="checkbox" id="col-${f.name}" .checked=${!this.hiddenColumns.has(f.name)}
                           @change=${(e) => this.#toggleColumn(f.name, e.target.checked)}>
                    <label for="col-${f.name}">${f.name}</label></div>`)}
                </fieldset>
              </details>
              <button type="button" class="btn sm" @click=${() => this.reload()}>Refresh</button>
            </div>
          </div>
          ${this.selected.size ? html`
            <div class="bulk-bar" role="region" aria-label="Selected records">
              <strong>${this.selected.size} selected</strong>
              <button type="button" class="btn sm ghost" @click=${() => (this.selected = new Set())}>Clear selection</button>
              <button type="button" class="btn sm danger" @click=${(e) => this.#deleteSelected(e)}>Delete selected</button>
            </div>` : nothing}
          ${this.pendingNew ? html`<p class="alert info row">${this.pendingNew} new record(s) since this page loaded.
            <button type="button" class="btn sm" @click=${() => { this.page = 1; this.sort ? this.reload() : this.#query({ sort: "" }); }}>
              Show newest</button></p>` : nothing}
          <div class="table-wrap">
            <table class="table records" aria-busy=${this.loading ? "true" : "false"} aria-describedby="records-pager">
              <caption class="sr-only">Records of ${c.name}</caption>
              <thead>
                <tr>
                  ${c.type === "view" ? nothing : html`<th scope="col" class="sel"><input type="checkbox" aria-label="Select all on this page"
                      .checked=${allSelected} ?disabled=${this.items.length === 0}
                      @change=${(e) => (this.selected = e.target.checked ? new Set(this.items.map((r) => r.id)) : new Set())}></th>`}
                  ${columns.map((f) => this.#header(f))}
                </tr>
              </thead>
              <tbody>
                ${repeat(this.items, (r) => r.id, (r) => this.#row(r, columns))}
                ${this.items.length === 0 && !this.loading ? html`<tr><td colspan=${columns.length + 1} class="empty">
                  ${this.error ? "No records: the filter was refused." : this.filter ? "No records match the filter." : "No records yet."}
                  </td></tr>` : nothing}
              </tbody>
            </table>
          </div>
          ${this.#pager()}
          <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>`;
    }

    #header(f) {
        const sort = this.sort || "";
        const dir = sort === f.name ? "ascending" : sort === "-" + f.name ? "descending" : "none";
        const sortable = !["file", "geoPoint"].includes(f.type);
        return html`<th scope="col" aria-sort=${dir} class="col-${f.type}">
          ${sortable ? html`<button type="button" class="sort" @click=${() => this.#toggleSort(f.name)}
              aria-label="${f.name}, sort ${dir === "ascending" ? "descending" : dir === "descending" ? "off" : "ascending"}">
              ${f.name}<span aria-hidden="true">${dir === "ascending" ? " ▲" : dir === "descending" ? " ▼" : ""}</span></button>`
              : f.name}</th>`;
    }

    #row(r, columns) {
        const c = this.collection;
        return html`<tr class=${this.fresh.has(r.id) ? "fresh" : ""} data-id=${r.id} @click=${(e) => this.#rowClick(e, r)}>
          ${c.type === "view" ? nothing : html`<td class="sel"><input type="checkbox" aria-label="Select record ${r.id}"
              .checked=${this.selected.has(r.id)} @change=${(e) => this.#select(r.id, e.target.checked)}></td>`}
          ${columns.map((f) => html`<td class="col-${f.type}">${this.#cell(r, f)}</td>`)}
        </tr>`;
    }

    #cell(r, f) {
        const v = r[f.name];
        if (f.name === "id") {
            return html`<span class="id-cell"><button type="button" class="btn link open" aria-label="Open record ${v}">${v}</button>
              <button type="button" class="btn sm ghost copy" aria-label="Copy id ${v}" title="Copy id"
                      @click=${() => copyText(v, "Copied the id")}>${COPY_ICON}</button></span>`;
        }
        if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) {
            return html`<span class="muted">—</span>`;
        }
        switch (f.type) {
            case "bool":
                if (this.collection.type === "auth" && f.name === "verified") {
                    return html`<button type="button" role="switch" class="switch" aria-checked=${v ? "true" : "false"}
                        aria-label="Verified: ${r.email || r.id}" @click=${() => this.#toggleVerified(r)}>
                        <span aria-hidden="true">${v ? "Yes" : "No"}</span></button>`;
                }
                return html`<span class="badge ${v ? "on" : ""}">${v ? "true" : "false"}</span>`;
            case "date":
            case "autodate":
                return html`<span class="nowrap">${shortDate(v)}</span>`;
            case "select":
                return toArray(v).map((x) => html`<span class="badge">${x}</span> `);
            case "editor":
                return excerpt(htmlToText(v), 80);
            case "json":
                return html`<code>${excerpt(JSON.stringify(v), 60)}</code>`;
            case "geoPoint":
                return html`<span class="nowrap">${v.lat}, ${v.lon}</span>`;
            case "file":
                return html`<span class="files-cell">${toArray(v).slice(0, 4).map((name) => isImage(name)
                    ? html`<img class="thumb sm" alt=${name} loading="lazy"
                          src=${fileUrl(r, name, { thumb: "100x100", token: f.protected ? this.fileToken : undefined })}>`
                    : html`<span class="badge">${excerpt(name, 24)}</span>`)}${toArray(v).length > 4 ? " …" : ""}</span>`;
            case "relation": {
                const target = collections.find(f.collectionId);
                const expanded = toArray(r.expand?.[f.name]);
                const ids = toArray(v);
                return ids.slice(0, 5).map((id) => {
                    const rec = expanded.find((x) => x.id === id);
                    return html`<span class="badge rel" title=${id}>${excerpt(rec ? recordLabel(rec, target) : id, 30)}</span> `;
                });
            }
            default:
                return excerpt(typeof v === "object" ? JSON.stringify(v) : v, 80);
        }
    }

    #pager() {
        const pages = this.total === null ? null : Math.max(1, Math.ceil(this.total / this.perPage));
        return html`<nav class="pager" aria-label="Pages" id="records-pager">
          <span class="muted total">${this.total === null ? "Counting…" : this.total + (this.total === 1 ? " record" : " records")}</span>
          <span class="grow"></span>
          <label for="records-per-page" class="muted">Per page</label>
          <select id="records-per-page" class="per-page" @change=${(e) => { this.perPage = Number(e.target.value); this.page = 1; this.#load(); }}>
            ${PER_PAGE_CHOICES.map((n) => html`<option value=${n} ?selected=${n === this.perPage}>${n}</option>`)}
          </select>
          <button type="button" class="btn sm" ?disabled=${this.page <= 1 || this.loading} @click=${() => this.#goto(this.page - 1)}>
            Previous</button>
          <span class="page-no">Page ${this.page}${pages ? " of " + pages : ""}</span>
          <button type="button" class="btn sm" ?disabled=${!this.hasMore || this.loading} @click=${() => this.#goto(this.page + 1)}>
            Next</button>
        </nav>`;
    }

    // ---- actions ----

    #goto(page) {
        this.page = page;
        this.#load();
        this.querySelector(".table-wrap")?.scrollTo({ top: 0 });
    }

    #query(change) {
        this.dispatchEvent(new CustomEvent("lk-query", { detail: { filter: this.filter, sort: this.sort, ...change } }));
    }

    #applyFilter(e) {
        e.preventDefault();
        const next = this.draftFilter.trim();
        if (next === (this.filter || "")) {
            this.page = 1;
            this.reload();
        } else {
            this.#query({ filter: next });
        }
    }

    #clearFilter() {
        this.draftFilter = "";
        this.#query({ filter: "" });
    }

    #toggleSort(name) {
        const sort = this.sort || "";
        this.#query({ sort: sort === name ? "-" + name : sort === "-" + name ? "" : name });
    }

    #toggleColumn(name, shown) {
        const hidden = new Set(this.hiddenColumns);
        shown ? hidden.delete(name) : hidden.add(name);
        this.hiddenColumns = hidden;
        localStorage.setItem(COLUMNS_KEY + this.collection.id, JSON.stringify([...hidden]));
        // a relation column shown needs its expand: fetch the page again
        const f = this.#fields.find((x) => x.name === name);
        if (f?.type === "relation" && shown) {
            this.#load();
            this.#subscribe();
        }
    }

    #select(id, on) {
        const next = new Set(this.selected);
        on ? next.add(id) : next.delete(id);
        this.selected = next;
    }

    #rowClick(e, r) {
        if (e.target.closest("input, a, button:not(.open), label, select, .switch")) {
            return;
        }
        this.dispatchEvent(new CustomEvent("lk-open", { detail: { record: r } }));
    }

    async #toggleVerified(r) {
        try {
            const saved = await api.collection(this.collection.id).update(r.id, { verified: !r.verified },
                { expand: this.#expand });
            this.upsert(saved);
            toast.success((saved.verified ? "Verified " : "Unverified ") + (saved.email || saved.id) + ".");
        } catch (err) {
            showError(err);
        }
    }

    async #deleteSelected() {
        const ids = [...this.selected];
        if (!(await confirmDialog({ heading: `Delete ${ids.length} record(s)?`,
            message: `The selected records of ${this.collection.name} and their files are deleted. This cannot be undone.`,
            confirmText: "Delete", danger: true }))) {
            return;
        }
        const failed = [];
        // a few at a time: a large selection must not flood the server
        for (let i = 0; i < ids.length; i += 5) {
            await Promise.all(ids.slice(i, i + 5).map((id) => api.collection(this.collection.id).delete(id)
                .then(() => this.removeRecord(id), (err) => failed.push(err))));
        }
        if (failed.length) {
            showError(failed[0]);
        } else {
            toast.success(`Deleted ${ids.length} record(s).`);
        }
        this.#load();
        this.#count();
    }
}
customElements.define("lk-records-table", LkRecordsTable);

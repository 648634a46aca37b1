// The collections page (#/collections?collection=<name>&filter=…&sort=…&record=<id>, upstream's query keys):
// the list of collections on the side, the records of the chosen one, and the panels that edit a collection
// or a record. Filter, sort and the open record live in the hash, so a view can be bookmarked or shared.

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { showError } from "../../core/errors.js";
import { hrefOf, navigate } from "../../core/router.js";
import { session } from "../../core/session.js";
import { collections } from "./store.js";
import "./records-table.js";

/** The panels load on first use: the first visit needs only the table. */
async function panel(tag, load, root) {
    await load();
    await customElements.whenDefined(tag);
    return root.querySelector(tag);
}
const collectionEditor = (root) => panel("lk-collection-editor", () => import("./collection-editor.js"), root);
const recordEditor = (root) => panel("lk-record-editor", () => import("./record-editor.js"), root);

const LAST_ACTIVE_KEY = "locket.lastCollection";

class CollectionsPage extends LkElement {
    static properties = {
        route: { attribute: false },
        list: { state: true },
        search: { state: true },
        loaded: { state: true },
        showSystem: { state: true },
        navOpen: { state: true },
    };

    constructor() {
        super();
        this.list = collections.all;
        this.search = "";
        this.loaded = false;
        this.showSystem = false;
        this.navOpen = false;
        this.openRecordId = "";
    }

    connectedCallback() {
        super.connectedCallback();
        this.stop = collections.onChange((list) => (this.list = list));
        collections.load().then(() => (this.loaded = true), (err) => {
            this.loaded = true;
            showError(err);
        });
    }

    disconnectedCallback() {
        this.stop?.();
        super.disconnectedCallback();
    }

    /**
     * The collection shown: the hash's, else the last one shown (as upstream remembers it), else the first
     * non-system one. Only the hash's choice is written back to the hash, as upstream leaves it.
     */
    get active() {
        const chosen = collections.find(this.route?.query?.collection);
        if (chosen || this.route?.query?.collection) {
            return chosen;
        }
        return collections.find(localStorage.getItem(LAST_ACTIVE_KEY))
            || this.list.find((c) => !c.system) || this.list[0] || null;
    }

    get #query() {
        return this.route?.query || {};
    }

    willUpdate(changed) {
        const wanted = this.route?.query?.collection;
        if (changed.has("route") && wanted && this.loaded && !collections.find(wanted) && this.reloadedFor !== wanted) {
            // made elsewhere since the list was loaded (another tab, the API)
            this.reloadedFor = wanted;
            collections.load().catch(showError);
        }
        if (changed.has("route") || changed.has("list")) {
            if (this.active) {
                localStorage.setItem(LAST_ACTIVE_KEY, this.active.id);
                session.setTitle(this.active.name);
                if (this.active.system) {
                    this.showSystem = true;
                }
            }
        }
    }

    updated(changed) {
        if (changed.has("route") || changed.has("loaded")) {
            this.#syncRecordPanel();
        }
    }

    /** The "record" query key opens the record panel (a link to a record works). */
    async #syncRecordPanel() {
        const id = this.#query.record || "";
        if (!this.active || id === this.openRecordId) {
            return;
        }
        this.openRecordId = id;
        if (!id) {
            return;
        }
        const editor = await recordEditor(this);
        if (id === "new") {
            editor.openNew(this.active);
        } else if (id) {
            editor.openEdit(this.active, id);
        }
    }

    #go(change) {
        const q = { collection: this.active?.name, filter: this.#query.filter, sort: this.#query.sort, record: this.#query.record, ...change };
        navigate(hrefOf("#/collections", q));
    }

    render() {
        const c = this.active;
        return html`
          <div class="split collections-page">
            ${this.#sidebar()}
            <section class="collection-main" aria-labelledby="collection-title">
              ${c ? this.#main(c) : this.#empty()}
            </section>
          </div>
          <lk-collection-editor @lk-saved=${(e) => this.#onCollectionSaved(e)} @lk-deleted=${(e) => this.#onCollectionDeleted(e)}
              @lk-truncated=${() => this.querySelector("lk-records-table")?.reload()}></lk-collection-editor>
          <lk-record-editor @lk-saved=${(e) => this.#onRecordSaved(e)} @lk-deleted=${(e) => this.#onRecordDeleted(e)}
              @lk-closed=${(e) => this.#onRecordClosed(e)}></lk-record-editor>`;
    }

    #sidebar() {
        const term = this.search.trim().toLowerCase();
        const shown = this.list.filter((c) => !term || c.name.toLowerCase().includes(term));
        const user = shown.filter((c) => !c.system);
        const system = shown.filter((c) => c.system);
        const link = (c) => html`<li><a href=${hrefOf("#/collections", { collection: c.name })}
            aria-current=${this.active?.id === c.id ? "page" : "false"}>
            <span class="ctype type-${c.type}" aria-hidden="true">${c.type === "auth" ? "◉" : c.type === "view" ? "◫" : "▦"}</span>
            <span class="cname">${c.name}</span><span class="sr-only"> (${c.type})</span></a></li>`;
        return html`
          <nav class="card collections-nav ${this.navOpen ? "open" : ""}" aria-label="Collections">
            <button type="button" class="btn sm block nav-toggle" aria-expanded=${this.navOpen ? "true" : "false"}
                    aria-controls="collections-nav-body" @click=${() => (this.navOpen = !this.navOpen)}>
              ${this.active ? "Collection: " + this.active.name : "Collections"} (${this.list.length})</button>
            <div class="nav-body stack" id="collections-nav-body">
            <div class="field">
              <label for="collections-search" class="sr-only">Search collections</label>
              <input id="collections-search" type="search" placeholder="Search collections" .value=${this.search}
                     autocomplete="off" @input=${(e) => (this.search = e.target.value)}>
            </div>
            <ul class="collection-list">${user.map(link)}</ul>
            ${user.length === 0 && this.loaded ? html`<p class="muted">${term ? "No collection matches." : "No collections yet."}</p>` : nothing}
            ${system.length ? html`
              <button type="button" class="btn sm ghost block system-toggle" aria-expanded=${this.showSystem || term ? "true" : "false"}
                      aria-controls="system-collections" @click=${() => (this.showSystem = !this.showSystem)}>System collections</button>
              <ul class="collection-list" id="system-collections" ?hidden=${!(this.showSystem || term)}>${system.map(link)}</ul>` : nothing}
            <button type="button" class="btn primary block new-collection" @click=${() => this.#editor().then((e) => e.openNew("base"))}>
              + New collection</button>
            </div>
          </nav>`;
    }

    #empty() {
        if (!this.loaded) {
            return html`<p class="muted" aria-busy="true"><span class="spinner" aria-hidden="true"></span> Loading collections…</p>`;
        }
        return html`
          <header class="page-header"><h1 id="collection-title">Collections</h1></header>
          <div class="card empty-state">
            ${this.#query.collection ? html`<p class="alert warning">There is no collection named
              <code>${this.#query.collection}</code>.</p>` : nothing}
            <p>A collection is a table of records with its own API. Create one to start.</p>
            <button type="button" class="btn primary" @click=${() => this.#editor().then((e) => e.openNew("base"))}>Create a collection</button>
          </div>`;
    }

    #main(c) {
        return html`
          <header class="page-header">
            <div class="row">
              <h1 id="collection-title">${c.name}</h1>
              <span class="badge type-${c.type}">${c.type}</span>
              <button type="button" class="btn sm ghost" @click=${() => this.#editor().then((e) => e.openEdit(c))}
                      aria-label="Edit collection ${c.name}" title="Edit collection">⚙ Edit collection</button>
            </div>
            ${c.type === "view" ? nothing : html`<button type="button" class="btn primary new-record"
                @click=${() => this.#go({ record: "new" })}>+ New record</button>`}
          </header>
          <lk-records-table .collection=${c} .filter=${this.#query.filter || ""} .sort=${this.#query.sort || ""}
              @lk-open=${(e) => this.#go({ record: e.detail.record.id })}
              @lk-query=${(e) => this.#go({ filter: e.detail.filter, sort: e.detail.sort, record: undefined })}></lk-records-table>`;
    }

    #editor() {
        return collectionEditor(this).catch((err) => {
            showError(err);
            throw err;
        });
    }

    #onCollectionSaved(e) {
        const saved = e.detail.collection;
        if (e.detail.created || saved.id === this.active?.id) {
            // a rename changes the hash; fields may have changed: the table reloads through its new collection
            navigate(hrefOf("#/collections", { collection: saved.name }), { replace: !e.detail.created });
        }
    }

    #onCollectionDeleted() {
        navigate("#/collections", { replace: true });
    }

    #onRecordSaved(e) {
        const table = this.querySelector("lk-records-table");
        if (e.detail.created) {
            table?.upsert(e.detail.record, { prepend: true });
        } else {
            table?.upsert(e.detail.record);
        }
    }

    #onRecordDeleted(e) {
        this.querySelector("lk-records-table")?.removeRecord(e.detail.record.id);
    }

    #onRecordClosed() {
        this.openRecordId = "";
        if (this.#query.record) {
            this.#go({ record: undefined });
        }
    }
}
customElements.define("lk-collections-page", CollectionsPage);

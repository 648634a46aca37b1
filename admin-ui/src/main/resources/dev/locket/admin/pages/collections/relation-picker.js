// <lk-relation-picker>: chooses the records of a relation field, searching the target collection page by page
// (skipTotal: the page size tells whether there is more).
//
//   const chosen = await picker.pick(field, ids, knownRecords)   // → {ids, records} or null when cancelled

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { showError } from "../../core/errors.js";
import { recordLabel, toArray } from "./format.js";
import { collections } from "./store.js";
import { searchFilter } from "./search.js";

const PER_PAGE = 20;

export class LkRelationPicker extends LkElement {
    static properties = {
        open: { state: true },
        items: { state: true },
        chosen: { state: true },
        term: { state: true },
        busy: { state: true },
        more: { state: true },
        error: { state: true },
    };

    constructor() {
        super();
        this.open = false;
        this.items = [];
        this.chosen = [];
        this.term = "";
        this.busy = false;
        this.more = false;
        this.error = "";
        this.known = new Map();
        this.timer = 0;
    }

    pick(field, ids, known) {
        this.field = field;
        this.target = collections.find(field.collectionId);
        this.chosen = toArray(ids);
        this.known = new Map(known);
        this.term = "";
        this.items = [];
        this.page = 0;
        this.open = true;
        this.#load(true);
        return new Promise((resolve) => (this.resolve = resolve));
    }

    get multiple() {
        return (this.field?.maxSelect || 1) > 1;
    }

    render() {
        if (!this.field) {
            return nothing;
        }
        const name = this.target?.name || "";
        return html`<lk-dialog size="md" heading="Choose ${this.multiple ? "records" : "a record"} of ${name}" .open=${this.open}
            @lk-close=${() => this.#done(null)} .body=${this.#body()} .footer=${html`
              <span class="muted grow">${this.chosen.length} chosen${this.multiple ? " (up to " + this.field.maxSelect + ")" : ""}</span>
              <button type="button" class="btn ghost" @click=${() => this.#done(null)}>Cancel</button>
              <button type="button" class="btn primary" @click=${() => this.#done(this.chosen)}>Use the chosen</button>`}></lk-dialog>`;
    }

    #body() {
        const type = this.multiple ? "checkbox" : "radio";
        return html`
          <div class="stack">
            <div class="field">
              <label for="picker-search">Search ${this.target?.name}</label>
              <input id="picker-search" type="search" .value=${this.term} autocomplete="off"
                     aria-describedby=${this.error ? "picker-error" : nothing}
                     @input=${(e) => { this.term = e.target.value; clearTimeout(this.timer); this.timer = setTimeout(() => this.#load(true), 250); }}>
              ${this.error ? html`<p class="field-error" id="picker-error">${this.error}</p>` : nothing}
            </div>
            <ul class="pick-list" aria-label="Records" aria-busy=${this.busy ? "true" : "false"}>
              ${this.items.map((r) => html`<li>
                <input type=${type} name="picker-choice" id="pick-${r.id}" .checked=${this.chosen.includes(r.id)}
                       @change=${(e) => this.#toggle(r, e.target.checked)}>
                <label for="pick-${r.id}"><span>${recordLabel(r, this.target)}</span> <code>${r.id}</code></label>
              </li>`)}
              ${!this.busy && this.items.length === 0 ? html`<li class="muted">No records found.</li>` : nothing}
            </ul>
            ${this.more ? html`<button type="button" class="btn sm" ?disabled=${this.busy} @click=${() => this.#load(false)}>
              Load more</button>` : nothing}
          </div>`;
    }

    #toggle(record, on) {
        this.known.set(record.id, record);
        if (!this.multiple) {
            this.chosen = on ? [record.id] : [];
            return;
        }
        const rest = this.chosen.filter((id) => id !== record.id);
        this.chosen = on ? [...rest, record.id] : rest;
    }

    async #load(reset) {
        if (!this.target) {
            return;
        }
        const page = reset ? 1 : this.page + 1;
        const ticket = (this.ticket = (this.ticket || 0) + 1);
        this.busy = true;
        try {
            const result = await api.collection(this.target.id).getList(page, PER_PAGE, {
                filter: searchFilter(this.term, this.target), skipTotal: 1,
                sort: this.target.type === "view" ? undefined : "-@rowid",
            });
            if (ticket !== this.ticket) {
                return;
            }
            this.items = reset ? result.items : [...this.items, ...result.items];
            this.page = page;
            this.more = result.items.length === PER_PAGE;
            this.error = "";
        } catch (err) {
            if (ticket === this.ticket) {
                this.error = err.message;
                showError(err, { toast: false });
            }
        } finally {
            if (ticket === this.ticket) {
                this.busy = false;
            }
        }
    }

    #done(ids) {
        if (!this.open) {
            return;
        }
        this.open = false;
        const limited = ids && this.multiple ? ids.slice(0, this.field.maxSelect) : ids;
        this.resolve?.(limited ? { ids: limited, records: this.known } : null);
    }
}
customElements.define("lk-relation-picker", LkRelationPicker);

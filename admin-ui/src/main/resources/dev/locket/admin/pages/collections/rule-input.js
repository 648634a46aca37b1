// <lk-rule-input>: one API rule. Locked (null: superusers only), empty (everyone) or a filter expression,
// typed in a textarea that suggests field names, @request.* and @collection.* as the caret moves, and shows the
// server's message for the rule ("Invalid rule. Raw error: …") right under it.
//
//   html`<lk-rule-input id="c-listRule" label="List/Search rule" .value=${rule} .suggestions=${names}
//          .error=${errorAt(errors, "listRule")} @lk-change=${(e) => …e.detail.value}></lk-rule-input>`

import { html, nothing } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { live } from "lit/directives/live.js";
import { LkElement } from "../../core/element.js";

/** The five API rules of every collection: key, label, what it decides. */
export const API_RULES = [
    ["listRule", "List/Search rule", "Which records a list or search returns."],
    ["viewRule", "View rule", "Which single records may be read."],
    ["createRule", "Create rule", "Who may create; @request.body.* is the new data."],
    ["updateRule", "Update rule", "Which records may be changed; @request.body.* is the change."],
    ["deleteRule", "Delete rule", "Which records may be deleted."],
];

const MAX_SHOWN = 8;

/** The word the caret is in: letters, digits, "_", ".", ":", "@". */
function tokenBefore(text, caret) {
    const m = /[@\w.:]+$/.exec(text.slice(0, caret));
    return m ? m[0] : "";
}

export class LkRuleInput extends LkElement {
    static properties = {
        label: { type: String },
        value: { attribute: false },
        error: { attribute: false },
        help: { attribute: false },
        suggestions: { attribute: false },
        /** May the rule be locked (null)? Not for rules that are always expressions (MFA, auth rule). */
        lockable: { type: Boolean },
        open: { state: true },
        active: { state: true },
        shown: { state: true },
    };

    constructor() {
        super();
        this.label = "";
        this.value = null;
        this.error = "";
        this.help = nothing;
        this.suggestions = [];
        this.lockable = true;
        this.open = false;
        this.active = 0;
        this.shown = [];
    }

    get uid() {
        return this.id ? this.id + "-input" : "rule-input";
    }

    render() {
        const locked = this.value === null || this.value === undefined;
        const id = this.uid;
        const listId = id + "-suggestions";
        const errorId = id + "-error";
        return html`
          <div class="field rule ${this.error ? "invalid" : ""}">
            <div class="rule-head">
              <label for=${id}>${this.label}</label>
              ${this.lockable ? html`
                <button type="button" class="btn sm ${locked ? "" : "ghost"}" aria-pressed=${locked ? "true" : "false"}
                        @click=${(e) => this.#toggleLock(e)}>${locked ? "Unlock (set a rule)" : "Lock: superusers only"}</button>` : nothing}
            </div>
            <div class="rule-box">
              <textarea id=${id} rows="2" spellcheck="false" class="mono" .value=${live(locked ? "" : this.value)}
                        ?disabled=${locked} role="combobox" aria-autocomplete="list"
                        aria-expanded=${this.open ? "true" : "false"} aria-controls=${listId}
                        aria-activedescendant=${ifDefined(this.open ? listId + "-" + this.active : undefined)}
                        aria-invalid=${this.error ? "true" : "false"}
                        aria-describedby=${[id + "-help", this.error ? errorId : ""].filter(Boolean).join(" ")}
                        placeholder=${locked ? "Superusers only" : "Empty: everyone. E.g. @request.auth.id != \"\""}
                        @input=${(e) => this.#onInput(e)} @keydown=${(e) => this.#onKeydown(e)} @click=${(e) => this.#suggest(e)}
                        @blur=${() => setTimeout(() => (this.open = false), 150)}></textarea>
              <ul id=${listId} role="listbox" class="suggestions" aria-label="Suggestions" ?hidden=${!this.open}>
                ${this.shown.map((s, i) => html`<li id="${listId}-${i}" role="option"
                    aria-selected=${i === this.active ? "true" : "false"}
                    @mousedown=${(e) => { e.preventDefault(); this.#accept(s); }}>${s}</li>`)}
              </ul>
            </div>
            <p class="field-help" id="${id}-help">${locked
                ? "Locked: only superusers may do this."
                : this.value === "" ? "Empty: everyone may do this (guests too)." : this.help}</p>
            ${this.error ? html`<p class="field-error" id=${errorId}>${this.error}</p>` : nothing}
          </div>`;
    }

    #emit(value) {
        this.value = value;
        this.dispatchEvent(new CustomEvent("lk-change", { detail: { value }, bubbles: true }));
    }

    async #toggleLock() {
        const locked = this.value === null || this.value === undefined;
        this.#emit(locked ? "" : null);
        if (locked) {
            await this.updateComplete;
            this.querySelector("textarea")?.focus();
        }
    }

    #onInput(e) {
        this.#emit(e.target.value);
        this.#suggest();
    }

    #suggest() {
        const area = this.querySelector("textarea");
        const token = tokenBefore(area.value, area.selectionStart);
        if (!token) {
            this.open = false;
            return;
        }
        const lower = token.toLowerCase();
        const starts = this.suggestions.filter((s) => s.toLowerCase().startsWith(lower) && s !== token);
        const contains = this.suggestions.filter((s) => !s.toLowerCase().startsWith(lower) && s.toLowerCase().includes(lower));
        this.shown = [...starts, ...contains].slice(0, MAX_SHOWN);
        this.active = 0;
        this.open = this.shown.length > 0;
    }

    #onKeydown(e) {
        if (!this.open) {
            return;
        }
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            const n = this.shown.length;
            this.active = (this.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
        } else if (e.key === "Enter" || e.key === "Tab") {
            e.preventDefault();
            this.#accept(this.shown[this.active]);
        } else if (e.key === "Escape") {
            // close the list, not the dialog around it
            e.preventDefault();
            e.stopPropagation();
            this.open = false;
        }
    }

    #accept(suggestion) {
        const area = this.querySelector("textarea");
        const caret = area.selectionStart;
        const token = tokenBefore(area.value, caret);
        const next = area.value.slice(0, caret - token.length) + suggestion + area.value.slice(caret);
        this.#emit(next);
        this.open = false;
        this.updateComplete.then(() => {
            const at = caret - token.length + suggestion.length;
            area.focus();
            area.setSelectionRange(at, at);
        });
    }
}
customElements.define("lk-rule-input", LkRuleInput);

const MACROS = ["@now", "@second", "@minute", "@hour", "@weekday", "@day", "@month", "@year", "@yesterday",
    "@tomorrow", "@todayStart", "@todayEnd", "@monthStart", "@monthEnd", "@yearStart", "@yearEnd"];
const REQUEST = ["@request.auth.id", "@request.auth.collectionName", "@request.auth.collectionId",
    "@request.auth.email", "@request.auth.verified", "@request.method", "@request.context", "@request.query.",
    "@request.headers.", "@request.body."];
const MODIFIERS = [":isset", ":changed", ":length", ":each", ":lower"];

/**
 * What a rule of `collection` may name: its fields (and one level into relations), @request.body.<field>,
 * @request.auth.<field of an auth collection>, @collection.<name>.<field>, date macros, modifiers.
 */
export function ruleSuggestions(collection, all) {
    const out = new Set();
    const fields = collection?.fields || [];
    for (const f of fields) {
        out.add(f.name);
        if (f.type !== "autodate") {
            out.add("@request.body." + f.name);
        }
        if (f.type === "relation") {
            const target = all.find((c) => c.id === f.collectionId);
            for (const tf of target?.fields || []) {
                out.add(f.name + "." + tf.name);
            }
        }
    }
    REQUEST.forEach((s) => out.add(s));
    for (const c of all) {
        if (c.type === "auth") {
            for (const f of c.fields || []) {
                if (!f.hidden) {
                    out.add("@request.auth." + f.name);
                }
            }
        }
        for (const f of c.fields || []) {
            out.add("@collection." + c.name + "." + f.name);
        }
    }
    MACROS.forEach((s) => out.add(s));
    for (const f of fields) {
        for (const m of MODIFIERS) {
            out.add(f.name + m);
        }
    }
    return [...out];
}

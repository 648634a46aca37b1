// The base of the pages that edit /api/settings: load, edit a copy of some top-level keys, save only those with
// PATCH, and show the server's field errors next to their inputs (dotted paths such as "smtp.host").
//
// Secrets: GET /api/settings leaves out the SMTP password and the S3 secrets, so the form starts without them.
// A secret is sent only when the user typed a new one; an untouched (or emptied) secret input sends nothing,
// so saving never wipes a stored secret — as upstream's dashboard, which drops the redacted keys before saving.

import { html } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, showError, submitting } from "../../core/errors.js";
import { checkboxField, field, passwordField, selectField } from "../../ui/field.js";
import { toast } from "../../ui/toasts.js";

/** The value at a dotted path ("smtp.host"), or undefined. */
export function getAt(obj, path) {
    let node = obj;
    for (const key of path.split(".")) {
        if (node === null || typeof node !== "object") {
            return undefined;
        }
        node = node[key];
    }
    return node;
}

/** Sets the value at a dotted path, creating objects on the way. */
export function setAt(obj, path, value) {
    const keys = path.split(".");
    let node = obj;
    for (const key of keys.slice(0, -1)) {
        if (node[key] === null || typeof node[key] !== "object") {
            node[key] = {};
        }
        node = node[key];
    }
    node[keys.at(-1)] = value;
}

/** "a, b,,c" → ["a", "b", "c"] */
export function splitList(text) {
    return String(text || "").split(",").map((s) => s.trim()).filter(Boolean);
}

export class SettingsForm extends LkElement {
    static properties = {
        route: { attribute: false },
        form: { state: true },
        errors: { state: true },
        loading: { state: true },
        saving: { state: true },
    };

    /** The top-level settings keys the page edits (only these are sent). */
    static keys = [];
    /** Dotted paths of secrets (see the note at the top). */
    static secrets = [];
    /** The prefix of the page's input ids. */
    static idPrefix = "settings";

    constructor() {
        super();
        this.form = null;
        this.settings = null;
        this.errors = {};
        this.loading = true;
        this.saving = false;
        this.initial = "null";
        /** Texts of inputs whose value is not the model's own text (lists, numbers being typed). */
        this.raw = {};
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        this.loading = true;
        try {
            this.init(await api.send("/api/settings"));
            this.loading = false;
        } catch (err) {
            showError(err);
        }
    }

    /** Takes a settings answer as the new starting point. */
    init(settings) {
        this.settings = settings;
        const form = {};
        for (const key of this.constructor.keys) {
            form[key] = structuredClone(settings?.[key] ?? {});
        }
        this.prepare(form);
        this.form = form;
        this.initial = JSON.stringify(form);
        this.raw = {};
        this.errors = {};
    }

    /** Fills defaults a fresh form needs (override). */
    prepare(form) {
    }

    get hasChanges() {
        return !!this.form && JSON.stringify(this.form) !== this.initial;
    }

    get(path) {
        return getAt(this.form, path);
    }

    set(path, value) {
        setAt(this.form, path, value);
        this.requestUpdate();
    }

    reset() {
        this.form = JSON.parse(this.initial);
        this.raw = {};
        this.errors = {};
    }

    /** The PATCH body: the page's keys, without secrets nobody typed. */
    body() {
        const body = JSON.parse(JSON.stringify(this.form));
        for (const path of this.constructor.secrets) {
            if (!getAt(body, path)) {
                const keys = path.split(".");
                const parent = getAt(body, keys.slice(0, -1).join("."));
                if (parent && typeof parent === "object") {
                    delete parent[keys.at(-1)];
                }
            }
        }
        return body;
    }

    /** Saves; resolves to the saved settings, or null when it failed. */
    async save(e) {
        e?.preventDefault();
        if (this.saving || !this.hasChanges) {
            return null;
        }
        let saved = null;
        await submitting(this, async () => {
            saved = await api.send("/api/settings", { method: "PATCH", body: this.body() });
        }, { busy: "saving" });
        if (saved) {
            this.init(saved);
            toast.clear();
            toast.success(this.savedMessage || "Settings saved.");
            this.afterSave(saved);
        }
        return saved;
    }

    /** Runs after a successful save (override). */
    afterSave(saved) {
    }

    // ---- inputs bound to a path of the form ----

    idOf(path) {
        return this.constructor.idPrefix + "-" + path.replaceAll(".", "-");
    }

    // Inputs listen to "change" as well as "input": clearing an input by script or autofill may fire only that.

    text(path, o = {}) {
        const update = (e) => this.set(path, e.target.value);
        return field({ ...o, id: o.id || this.idOf(path), name: path, value: this.get(path) ?? "",
            error: errorAt(this.errors, path), oninput: update, onchange: update });
    }

    /** A whole number (the API rejects fractions); an empty input is 0. */
    number(path, o = {}) {
        const update = (e) => {
            this.raw[path] = e.target.value;
            const n = e.target.value === "" ? 0 : Number(e.target.value);
            this.set(path, Number.isFinite(n) ? Math.trunc(n) : this.get(path));
        };
        return field({ ...o, id: o.id || this.idOf(path), name: path, type: "number", step: o.step || 1,
            inputmode: "numeric", value: this.raw[path] ?? String(this.get(path) ?? 0),
            error: errorAt(this.errors, path), oninput: update, onchange: update });
    }

    check(path, o = {}) {
        return checkboxField({ ...o, id: o.id || this.idOf(path), name: path, checked: !!this.get(path),
            error: errorAt(this.errors, path), onchange: (e) => this.set(path, e.target.checked) });
    }

    /** A list of strings typed comma-separated; errors of single items ("headers.1") show too. */
    list(path, o = {}) {
        const update = (e) => {
            this.raw[path] = e.target.value;
            this.set(path, splitList(e.target.value));
        };
        const items = this.get(path) || [];
        const itemError = Object.values(getAt(this.errors, path) || {}).find((v) => v && v.message);
        return field({ ...o, id: o.id || this.idOf(path), name: path,
            value: this.raw[path] ?? items.join(", "),
            error: errorAt(this.errors, path) || itemError?.message || "",
            help: o.help || "Separate values with commas.",
            oninput: update, onchange: update });
    }

    /** `options`: [{value, label}] with string values; `parse` turns the chosen string into the model's value. */
    choice(path, o) {
        const parse = o.parse || ((v) => v);
        return selectField({ ...o, id: o.id || this.idOf(path), name: path, value: String(this.get(path) ?? ""),
            error: errorAt(this.errors, path), onchange: (e) => this.set(path, parse(e.target.value)) });
    }

    /** A secret: empty until the user types one (see the note at the top). */
    secret(path, o = {}) {
        const update = (e) => this.set(path, e.target.value || undefined);
        return passwordField({ ...o, id: o.id || this.idOf(path), name: path, autocomplete: "new-password",
            value: this.get(path) ?? "", error: errorAt(this.errors, path),
            help: o.help || "Stored and never shown; leave empty to keep the current one.",
            oninput: update, onchange: update });
    }

    /** Save and Cancel (only while there are changes). */
    formActions(saveText = "Save changes") {
        return html`
          <div class="form-actions">
            ${this.hasChanges ? html`<button type="button" class="btn ghost" ?disabled=${this.saving}
                @click=${() => this.reset()}>Cancel</button>` : ""}
            <button type="submit" class="btn primary" ?disabled=${!this.hasChanges || this.saving}
                    aria-busy=${this.saving ? "true" : "false"}>${saveText}</button>
          </div>`;
    }
}

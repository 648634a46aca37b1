// <lk-record-editor>: creates, edits and deletes one record in a side panel, with an input per field type
// (record-inputs.js), file uploads with previews and removal, a relation picker, a warning before unsaved
// changes are dropped, and for auth records the account actions: verification and password reset mails,
// impersonation with a token to copy, and the linked OAuth2 accounts.
//
//   editor.openNew(collection) / editor.openEdit(collection, recordOrId); events lk-saved, lk-deleted

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError, submitting } from "../../core/errors.js";
import { confirmDialog } from "../../ui/dialog.js";
import { field, passwordField } from "../../ui/field.js";
import { toast } from "../../ui/toasts.js";
import { recordInput } from "./record-inputs.js";
import { copyText, protectedFileToken, shortDate, toArray } from "./format.js";
import { quote } from "./search.js";
import "./relation-picker.js";

/** Fields an auth record's form leaves out: the password has its own pair of inputs, tokenKey is internal. */
const AUTH_SKIP = new Set(["password", "tokenKey"]);

export class LkRecordEditor extends LkElement {
    static properties = {
        open: { state: true },
        collection: { state: true },
        original: { state: true },
        values: { state: true },
        errors: { state: true },
        busy: { state: true },
        loading: { state: true },
        externalAuths: { state: true },
        impersonation: { state: true },
        tick: { state: true },
    };

    constructor() {
        super();
        this.open = false;
        this.collection = null;
        this.original = null;
        this.values = {};
        this.errors = {};
        this.busy = false;
        this.loading = false;
        this.externalAuths = null;
        this.impersonation = null;
        this.tick = 0;
        this.files = new Map();
        this.json = new Map();
        this.relationRecords = new Map();
        this.previews = new Map();
        this.fileToken = "";
        this.snapshot = "";
        this.unload = (e) => {
            if (this.open && this.dirty) {
                e.preventDefault();
                e.returnValue = "";
            }
        };
    }

    get isNew() {
        return !this.original;
    }

    get readOnly() {
        return this.collection?.type === "view";
    }

    get isAuth() {
        return this.collection?.type === "auth";
    }

    /** The record as the file and relation inputs need it (ids for file URLs). */
    get record() {
        return this.original || { collectionId: this.collection?.id, id: "" };
    }

    get dirty() {
        return this.open && this.#state() !== this.snapshot;
    }

    async openNew(collection) {
        await this.#prepare(collection);
        this.original = null;
        this.#fill({});
    }

    async openEdit(collection, recordOrId) {
        await this.#prepare(collection);
        const id = typeof recordOrId === "string" ? recordOrId : recordOrId.id;
        this.loading = true;
        this.original = typeof recordOrId === "object" ? recordOrId : { id, collectionId: collection.id };
        this.#fill(typeof recordOrId === "object" ? recordOrId : { id });
        try {
            const expand = collection.fields.filter((f) => f.type === "relation").map((f) => f.name).join(",");
            const record = await api.collection(collection.id).getOne(id, { expand: expand || undefined });
            this.original = record;
            this.#fill(record);
        } catch (err) {
            showError(err);
            if (err.status === 404) {
                this.#close();
            }
        } finally {
            this.loading = false;
        }
        if (this.isAuth) {
            this.#loadExternalAuths();
        }
    }

    async #prepare(collection) {
        this.collection = collection;
        if (collection.fields.some((f) => f.type === "editor")) {
            await import("./rich-text.js");
        }
        if (collection.fields.some((f) => f.type === "file" && f.protected)) {
            this.fileToken = await protectedFileToken().catch(() => "");
        }
        this.errors = {};
        this.externalAuths = null;
        this.impersonation = null;
        this.open = true;
        window.addEventListener("beforeunload", this.unload);
    }

    #fill(record) {
        const values = {};
        this.files = new Map();
        this.json = new Map();
        this.relationRecords = new Map();
        for (const url of this.previews.values()) {
            URL.revokeObjectURL(url);
        }
        this.previews = new Map();
        for (const f of this.collection.fields) {
            const v = record[f.name];
            if (f.type === "file") {
                this.files.set(f.name, { existing: toArray(v), removed: new Set(), added: [] });
            } else if (f.type === "json") {
                this.json.set(f.name, { text: v === undefined || v === null ? "" : JSON.stringify(v, null, 2), error: "" });
            } else if (f.type === "password") {
                values[f.name] = "";
            } else if (f.type === "relation") {
                values[f.name] = (f.maxSelect || 1) > 1 ? toArray(v) : v || "";
                for (const r of toArray(record.expand?.[f.name])) {
                    this.relationRecords.set(r.id, r);
                }
            } else if (f.type === "select" && (f.maxSelect || 1) > 1) {
                values[f.name] = toArray(v);
            } else {
                values[f.name] = v ?? (f.type === "bool" ? false : f.type === "number" ? null : "");
            }
        }
        values.passwordConfirm = "";
        this.values = values;
        this.snapshot = this.#state();
    }

    #state() {
        const files = [...this.files].map(([k, s]) => [k, [...s.removed], s.added.map((f) => f.name + f.size)]);
        const json = [...this.json].map(([k, s]) => [k, s.text]);
        return JSON.stringify([this.values, files, json]);
    }

    // ---- used by record-inputs.js ----

    fileState(name) {
        return this.files.get(name) || { existing: [], removed: new Set(), added: [] };
    }

    jsonState(name) {
        return this.json.get(name) || { text: "", error: "" };
    }

    setJsonText(name, text) {
        let error = "";
        if (text.trim()) {
            try {
                JSON.parse(text);
            } catch (err) {
                error = "Invalid JSON: " + err.message;
            }
        }
        this.json.set(name, { text, error });
        this.tick++;
    }

    addFiles(name, list) {
        const f = this.collection.fields.find((x) => x.name === name);
        const s = this.fileState(name);
        if ((f.maxSelect || 1) <= 1) {
            // one file: the new one replaces the old
            s.added = list.slice(0, 1);
            s.existing.forEach((n) => s.removed.add(n));
        } else {
            s.added = [...s.added, ...list];
        }
        this.files.set(name, s);
        this.tick++;
    }

    dropNewFile(name, index) {
        const s = this.fileState(name);
        const [file] = s.added.splice(index, 1);
        if (file && this.previews.has(file)) {
            URL.revokeObjectURL(this.previews.get(file));
            this.previews.delete(file);
        }
        this.tick++;
    }

    toggleRemoveFile(name, filename) {
        const s = this.fileState(name);
        if (s.removed.has(filename)) {
            s.removed.delete(filename);
        } else {
            s.removed.add(filename);
        }
        this.tick++;
    }

    previewUrl(file) {
        if (!this.previews.has(file)) {
            this.previews.set(file, URL.createObjectURL(file));
        }
        return this.previews.get(file);
    }

    async pickRelation(f) {
        const picker = this.querySelector("lk-relation-picker");
        const result = await picker.pick(f, this.values[f.name], this.relationRecords);
        if (!result) {
            return;
        }
        for (const [id, r] of result.records) {
            this.relationRecords.set(id, r);
        }
        this.#set(f.name, (f.maxSelect || 1) > 1 ? result.ids : result.ids[0] || "");
    }

    #set(name, value) {
        this.values = { ...this.values, [name]: value };
    }

    // ---- rendering ----

    render() {
        if (!this.collection) {
            return nothing;
        }
        const c = this.collection;
        const heading = this.isNew ? "New " + c.name + " record" : "Edit " + c.name + " record";
        return html`
          <lk-dialog size="panel" heading=${heading} .open=${this.open} @lk-close=${(e) => this.#onClose(e)}
              .body=${this.#body()} .footer=${this.#footer()}></lk-dialog>
          <lk-relation-picker></lk-relation-picker>
          <lk-dialog size="md" heading="Impersonate" .open=${!!this.impersonation} @lk-close=${(e) => this.#onImpersonateClose(e)}
              .body=${this.impersonation ? this.#impersonateBody() : nothing} .footer=${html`
                <button type="button" class="btn ghost" @click=${() => (this.impersonation = null)}>Close</button>
                <button type="submit" form="impersonate-form" class="btn primary" ?disabled=${this.impersonation?.busy}>
                  ${this.impersonation?.token ? "Generate again" : "Generate token"}</button>`}></lk-dialog>`;
    }

    #onClose(e) {
        if (e.target.getAttribute("size") === "panel") {
            this.#requestClose();
        }
    }

    #onImpersonateClose(e) {
        e.stopPropagation();
        this.impersonation = null;
    }

    #body() {
        const c = this.collection;
        const fields = c.fields.filter((f) => !(this.isAuth && AUTH_SKIP.has(f.name)));
        return html`
          <form id="record-form" class="stack record-form" novalidate @submit=${(e) => this.#save(e)} aria-busy=${this.loading ? "true" : "false"}>
            ${this.readOnly ? html`<p class="alert info">The records of a view collection are read-only: they come from its query.</p>` : nothing}
            ${this.isNew ? nothing : html`
              <div class="record-id row">
                <span class="label-like">id</span> <code>${this.original.id}</code>
                <button type="button" class="btn sm ghost" @click=${() => copyText(this.original.id, "Copied the id")}>
                  Copy id</button>
                ${this.original.created ? html`<span class="muted">created ${shortDate(this.original.created)}</span>` : nothing}
              </div>`}
            <fieldset class="plain stack" ?disabled=${this.readOnly}>
            ${fields.map((f) => recordInput({
                field: f, id: "rec-" + f.name, value: this.values[f.name], isNew: this.isNew,
                error: errorAt(this.errors, f.name), editor: this, set: (v) => this.#set(f.name, v),
            }))}
            ${this.isAuth ? this.#passwordInputs() : nothing}
            </fieldset>
            ${this.isAuth && !this.isNew ? this.#account() : nothing}
          </form>`;
    }

    #passwordInputs() {
        return html`
          <fieldset class="choices">
            <legend>${this.isNew ? "Password" : "Change password"}</legend>
            <div class="form-grid">
              ${passwordField({ id: "rec-password", label: "Password", value: this.values.password, autocomplete: "new-password",
                  required: this.isNew, error: errorAt(this.errors, "password"),
                  help: this.isNew ? undefined : "Leave empty to keep the current password.",
                  oninput: (e) => this.#set("password", e.target.value) })}
              ${passwordField({ id: "rec-passwordConfirm", label: "Password again", value: this.values.passwordConfirm,
                  autocomplete: "new-password", required: this.isNew || !!this.values.password,
                  error: errorAt(this.errors, "passwordConfirm"), oninput: (e) => this.#set("passwordConfirm", e.target.value) })}
            </div>
          </fieldset>`;
    }

    #account() {
        const r = this.original;
        return html`
          <section class="card account-actions" aria-labelledby="account-title">
            <h3 id="account-title">Account</h3>
            <div class="row">
              ${r.verified ? html`<span class="badge on">verified</span>` : html`
                <button type="button" class="btn sm" @click=${(e) => this.#sendVerification(e)}>Send verification mail</button>`}
              <button type="button" class="btn sm" @click=${(e) => this.#sendReset(e)}>Send password reset mail</button>
              <button type="button" class="btn sm" @click=${() => (this.impersonation = { duration: "", token: "" })}>Impersonate</button>
            </div>
            <h4>Linked OAuth2 accounts</h4>
            ${this.externalAuths === null ? html`<p class="muted">Loading…</p>`
                : this.externalAuths.length === 0 ? html`<p class="muted">None.</p>`
                    : html`<ul class="external-auths">${this.externalAuths.map((a) => html`<li>
                        <strong>${a.provider}</strong> <code>${a.providerId}</code>
                        <span class="muted">${shortDate(a.created)}</span>
                        <button type="button" class="btn sm ghost" @click=${() => this.#unlink(a)}>Unlink<span class="sr-only"> ${a.provider}</span></button>
                      </li>`)}</ul>`}
          </section>`;
    }

    #footer() {
        if (this.readOnly) {
            return html`<span class="grow"></span>
              <button type="button" class="btn primary" @click=${() => this.#requestClose()}>Close</button>`;
        }
        return html`
          ${this.isNew ? nothing : html`<button type="button" class="btn ghost danger-text" @click=${(e) => this.#delete(e)}>Delete</button>`}
          <span class="grow"></span>
          ${this.dirty ? html`<span class="muted unsaved" role="status">Unsaved changes</span>` : nothing}
          <button type="button" class="btn ghost" @click=${() => this.#requestClose()}>Cancel</button>
          <button type="submit" form="record-form" class="btn primary" ?disabled=${this.busy || this.loading}
                  aria-busy=${this.busy ? "true" : "false"}>${this.isNew ? "Create" : "Save changes"}</button>`;
    }

    // ---- closing ----

    async #requestClose() {
        if (this.busy) {
            return;
        }
        if (this.dirty && !(await confirmDialog({ heading: "Discard changes?", message: "The record has unsaved changes.",
            confirmText: "Discard", danger: true }))) {
            return;
        }
        this.#close();
    }

    #close() {
        this.open = false;
        this.impersonation = null;
        window.removeEventListener("beforeunload", this.unload);
        for (const url of this.previews.values()) {
            URL.revokeObjectURL(url);
        }
        this.previews = new Map();
        this.dispatchEvent(new CustomEvent("lk-closed"));
    }

    // ---- saving ----

    #payload() {
        const body = {};
        let files = null;
        for (const f of this.collection.fields) {
            if (this.isAuth && AUTH_SKIP.has(f.name)) {
                continue; // the password pair is added below; tokenKey stays the server's
            }
            const v = this.values[f.name];
            switch (f.type) {
                case "autodate":
                    break;
                case "password":
                    if (v) {
                        body[f.name] = v;
                    }
                    break;
                case "json": {
                    const s = this.jsonState(f.name);
                    body[f.name] = s.text.trim() ? JSON.parse(s.text) : null;
                    break;
                }
                case "file": {
                    const s = this.fileState(f.name);
                    if (s.removed.size) {
                        body[f.name + "-"] = [...s.removed];
                    }
                    if (s.added.length) {
                        files ??= [];
                        const key = (f.maxSelect || 1) > 1 ? f.name + "+" : f.name;
                        s.added.forEach((file) => files.push([key, file]));
                    }
                    break;
                }
                case "text":
                    if (f.primaryKey) {
                        if (this.isNew && v) {
                            body[f.name] = v;
                        }
                        break;
                    }
                    body[f.name] = v;
                    break;
                default:
                    body[f.name] = v;
            }
        }
        if (this.isAuth && this.values.password) {
            body.password = this.values.password;
            body.passwordConfirm = this.values.passwordConfirm;
        }
        if (!files) {
            return body;
        }
        // files go as multipart; everything else in @jsonPayload, as the JS SDK sends a mixed body
        const form = new FormData();
        form.append("@jsonPayload", JSON.stringify(body));
        files.forEach(([key, file]) => form.append(key, file));
        return form;
    }

    async #save(e) {
        e.preventDefault();
        if (this.busy || this.loading) {
            return;
        }
        const badJson = [...this.json].find(([, s]) => s.error);
        if (badJson) {
            toast.error(`${badJson[0]}: fix the JSON before saving.`);
            this.querySelector("#rec-" + CSS.escape(badJson[0]))?.focus();
            return;
        }
        let saved;
        const created = this.isNew;
        const ok = await submitting(this, async () => {
            const body = this.#payload();
            const expand = this.collection.fields.filter((f) => f.type === "relation").map((f) => f.name).join(",");
            const query = { expand: expand || undefined };
            saved = created
                ? await api.collection(this.collection.id).create(body, query)
                : await api.collection(this.collection.id).update(this.original.id, body, query);
        });
        if (ok) {
            toast.clear();
            toast.success(created ? "Record created." : "Record saved.");
            this.#close();
            this.dispatchEvent(new CustomEvent("lk-saved", { detail: { record: saved, created } }));
        } else {
            await this.updateComplete;
            this.querySelector(".record-form [aria-invalid=true], .record-form .invalid input")?.focus();
        }
    }

    async #delete() {
        if (!(await confirmDialog({ heading: "Delete this record?", message: `Record ${this.original.id} of ${this.collection.name}
            and its files are deleted. This cannot be undone.`, confirmText: "Delete", danger: true }))) {
            return;
        }
        try {
            await api.collection(this.collection.id).delete(this.original.id);
            toast.success("Record deleted.");
            const record = this.original;
            this.snapshot = this.#state();
            this.#close();
            this.dispatchEvent(new CustomEvent("lk-deleted", { detail: { record } }));
        } catch (err) {
            showError(err);
        }
    }

    // ---- auth records ----

    async #sendVerification() {
        try {
            await api.collection(this.collection.id).requestVerification(this.original.email);
            toast.success("Sent a verification mail to " + this.original.email + ".");
        } catch (err) {
            showError(err);
        }
    }

    async #sendReset() {
        try {
            await api.collection(this.collection.id).requestPasswordReset(this.original.email);
            toast.success("Sent a password reset mail to " + this.original.email + ".");
        } catch (err) {
            showError(err);
        }
    }

    async #loadExternalAuths() {
        try {
            const filter = `recordRef = ${quote(this.original.id)} && collectionRef = ${quote(this.collection.id)}`;
            const result = await api.collection("_externalAuths").getList(1, 50, { filter, skipTotal: 1 });
            this.externalAuths = result.items;
        } catch (err) {
            this.externalAuths = [];
            showError(err);
        }
    }

    async #unlink(a) {
        if (!(await confirmDialog({ heading: "Unlink " + a.provider + "?",
            message: "The user can no longer sign in with this " + a.provider + " account (until they link it again).",
            confirmText: "Unlink", danger: true }))) {
            return;
        }
        try {
            await api.collection("_externalAuths").delete(a.id);
            this.externalAuths = this.externalAuths.filter((x) => x.id !== a.id);
            toast.success("Unlinked " + a.provider + ".");
        } catch (err) {
            showError(err);
        }
    }

    #impersonateBody() {
        const s = this.impersonation;
        return html`
          <form id="impersonate-form" class="stack" novalidate @submit=${(e) => this.#impersonate(e)}>
            <p>A token that acts as <strong>${this.original.email || this.original.id}</strong>, for testing rules and clients.
              It cannot be refreshed.</p>
            ${field({ id: "impersonate-duration", label: "Valid for (seconds)", type: "number", min: 0, value: s.duration,
                placeholder: String(this.collection.authToken?.duration || ""), error: s.error,
                help: "Empty or 0: the collection's auth token lifetime.",
                oninput: (e) => (this.impersonation = { ...this.impersonation, duration: e.target.value }) })}
            ${s.token ? html`
              <div class="field">
                <label for="impersonate-token">Token</label>
                <textarea id="impersonate-token" class="mono" rows="4" readonly .value=${s.token}></textarea>
              </div>
              <div class="row">
                <button type="button" class="btn sm" @click=${() => copyText(s.token, "Copied the token")}>Copy token</button>
                <span class="muted">Send it as the Authorization header.</span>
              </div>` : nothing}
          </form>`;
    }

    async #impersonate(e) {
        e.preventDefault();
        const duration = Number(this.impersonation.duration) || 0;
        this.impersonation = { ...this.impersonation, busy: true, error: "" };
        try {
            const result = await api.send(`/api/collections/${encodeURIComponent(this.collection.id)}/impersonate/${
                encodeURIComponent(this.original.id)}`, { method: "POST", body: duration ? { duration } : {} });
            this.impersonation = { ...this.impersonation, busy: false, token: result.token };
        } catch (err) {
            this.impersonation = { ...this.impersonation, busy: false, error: errorAt(fieldErrors(err), "duration") };
            showError(err);
        }
    }
}
customElements.define("lk-record-editor", LkRecordEditor);

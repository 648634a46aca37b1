// #/settings/mail: the sender, the SMTP server, and a test mail through the saved configuration.

import { html, nothing } from "lit";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError } from "../../core/errors.js";
import { session } from "../../core/session.js";
import { field, selectField } from "../../ui/field.js";
import { dialogAlert, failureOf } from "../../ui/dialog.js";
import { toast } from "../../ui/toasts.js";
import { loadingBlock, settingsFrame } from "./frame.js";
import { SettingsForm } from "./settings-form.js";

/** The templates /api/settings/test/email can send. */
const TEMPLATES = [
    { value: "verification", label: "Verification" },
    { value: "password-reset", label: "Password reset" },
    { value: "email-change", label: "Confirm email change" },
    { value: "otp", label: "One-time password" },
    { value: "login-alert", label: "Login alert" },
];
const LAST_TEST_EMAIL = "locketLastTestEmail";

class MailSettingsPage extends SettingsForm {
    static keys = ["meta", "smtp"];
    static secrets = ["smtp.password"];
    static idPrefix = "mail";
    static properties = {
        ...SettingsForm.properties,
        testing: { state: true },
        test: { state: true },
        testErrors: { state: true },
        authCollections: { state: true },
    };

    constructor() {
        super();
        this.savedMessage = "Mail settings saved.";
        this.testing = false;
        this.test = null;
        this.testErrors = {};
        this.authCollections = [];
    }

    prepare(form) {
        form.smtp.authMethod ||= "PLAIN";
    }

    render() {
        const smtpOn = !!this.form?.smtp?.enabled;
        const content = this.loading || !this.form ? loadingBlock() : html`
          <form class="stack settings-form" @submit=${(e) => this.save(e)} novalidate>
            <section class="card stack" aria-labelledby="mail-sender">
              <h2 id="mail-sender">Sender</h2>
              <div class="form-grid">
                ${this.text("meta.senderName", { label: "Sender name", required: true })}
                ${this.text("meta.senderAddress", { label: "Sender address", type: "email", required: true })}
              </div>
            </section>
            <section class="card stack" aria-labelledby="mail-smtp">
              <h2 id="mail-smtp">SMTP server</h2>
              ${this.check("smtp.enabled", { label: "Send mails through an SMTP server (recommended)",
                  help: "Without one, mails go to the system's sendmail command." })}
              ${smtpOn ? html`
                <div class="form-grid">
                  ${this.text("smtp.host", { label: "Host", required: true, placeholder: "smtp.example.com" })}
                  ${this.number("smtp.port", { label: "Port", required: true, min: 0 })}
                  ${this.text("smtp.username", { label: "Username", autocomplete: "off" })}
                  ${this.secret("smtp.password", { label: "Password" })}
                </div>
                <div class="form-grid">
                  ${this.choice("smtp.tls", { label: "TLS encryption", parse: (v) => v === "true",
                      options: [{ value: "false", label: "Auto (StartTLS)" }, { value: "true", label: "Always" }] })}
                  ${this.choice("smtp.authMethod", { label: "AUTH method",
                      options: [{ value: "PLAIN", label: "PLAIN (default)" }, { value: "LOGIN", label: "LOGIN" }] })}
                  ${this.text("smtp.localName", { label: "EHLO/HELO domain", placeholder: "localhost",
                      help: "Some relays (e.g. Gmail's) refuse localhost." })}
                </div>` : nothing}
            </section>
            <div class="form-actions">
              <button type="button" id="mail-test-open" class="btn" ?disabled=${this.hasChanges}
                      title=${this.hasChanges ? "Save or cancel the changes first" : ""}
                      @click=${() => this.#openTest()}>Send test email</button>
              <span class="grow"></span>
              ${this.formActions()}
            </div>
          </form>
          ${this.#testDialog()}`;
        return settingsFrame(this.route, "Mail", content);
    }

    async #openTest() {
        this.test = {
            email: localStorage.getItem(LAST_TEST_EMAIL) || session.superuser?.email || "",
            template: TEMPLATES[0].value,
            collection: "",
        };
        this.testErrors = {};
        try {
            const list = await api.send("/api/collections", { query: { page: 1, perPage: 200, skipTotal: 1,
                filter: "type='auth'", sort: "name", fields: "id,name" } });
            this.authCollections = list?.items || [];
            const preferred = this.authCollections.find((c) => c.name === "users") || this.authCollections[0];
            this.test = { ...this.test, collection: preferred?.name || "" };
        } catch (err) {
            showError(err);
        }
    }

    #testDialog() {
        const t = this.test;
        const body = t ? html`
          <form id="mail-test-form" class="stack" @submit=${(e) => this.#sendTest(e)} novalidate>
            ${dialogAlert(t.failure)}
            ${field({ id: "mail-test-email", label: "To", type: "email", required: true, value: t.email,
                error: errorAt(this.testErrors, "email"), oninput: (e) => (this.test = { ...t, email: e.target.value }) })}
            ${selectField({ id: "mail-test-template", label: "Template", value: t.template, options: TEMPLATES,
                error: errorAt(this.testErrors, "template"),
                onchange: (e) => (this.test = { ...t, template: e.target.value }) })}
            ${selectField({ id: "mail-test-collection", label: "Auth collection (its template is used)",
                value: t.collection, options: this.authCollections.map((c) => ({ value: c.name, label: c.name })),
                error: errorAt(this.testErrors, "collection"),
                onchange: (e) => (this.test = { ...t, collection: e.target.value }) })}
          </form>` : nothing;
        return html`<lk-dialog size="sm" heading="Send test email" .open=${!!t}
            @lk-close=${() => { if (!this.testing) this.test = null; }}
            .body=${body}
            .footer=${html`
              <button type="button" class="btn ghost" ?disabled=${this.testing} @click=${() => (this.test = null)}>
                Close</button>
              <button type="submit" form="mail-test-form" class="btn primary" ?disabled=${this.testing}
                      aria-busy=${this.testing ? "true" : "false"}>Send</button>`}></lk-dialog>`;
    }

    async #sendTest(e) {
        e.preventDefault();
        const t = this.test;
        if (!t || this.testing) {
            return;
        }
        this.testing = true;
        try {
            await api.send("/api/settings/test/email", { method: "POST",
                body: { email: t.email, template: t.template, collection: t.collection } });
            if (t.email !== session.superuser?.email) {
                localStorage.setItem(LAST_TEST_EMAIL, t.email);
            }
            toast.clear();
            toast.success(`Test email sent to ${t.email}.`);
            this.test = null;
        } catch (err) {
            this.testErrors = fieldErrors(err);
            this.test = { ...t, failure: failureOf(err) };
            showError(err);
        } finally {
            this.testing = false;
        }
    }
}
customElements.define("lk-mail-settings-page", MailSettingsPage);

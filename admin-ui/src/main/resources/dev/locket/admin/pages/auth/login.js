// #/login: password login of a superuser, and when _superusers enables MFA with OTP the second step:
// the password answers 401 {mfaId}, an OTP is mailed (request-otp) and auth-with-otp finishes with mfaId.
// With OTP alone (no password auth) the OTP steps are the whole login.

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError, submitting } from "../../core/errors.js";
import { navigate } from "../../core/router.js";
import { field, passwordField, submitButton } from "../../ui/field.js";
import { toast } from "../../ui/toasts.js";

const superusers = () => api.collection("_superusers");

class LoginPage extends LkElement {
    static properties = {
        methods: { state: true },
        identity: { state: true },
        password: { state: true },
        mfaId: { state: true },
        otpEmail: { state: true },
        otpId: { state: true },
        lastOtpId: { state: true },
        otpPassword: { state: true },
        busy: { state: true },
        errors: { state: true },
    };

    constructor() {
        super();
        this.methods = null;
        this.identity = "";
        this.password = "";
        this.mfaId = "";
        this.otpEmail = "";
        this.otpId = "";
        this.lastOtpId = "";
        this.otpPassword = "";
        this.busy = false;
        this.errors = {};
    }

    connectedCallback() {
        super.connectedCallback();
        this.#loadMethods();
    }

    async #loadMethods() {
        try {
            this.methods = await superusers().listAuthMethods();
        } catch (err) {
            showError(err);
            this.methods = { password: { enabled: true, identityFields: ["email"] } };
        }
    }

    get #identityFields() {
        return this.methods?.password?.identityFields?.length ? this.methods.password.identityFields : ["email"];
    }

    get #totalSteps() {
        return this.methods?.mfa?.enabled && this.methods?.otp?.enabled ? 3 : 1;
    }

    get #step() {
        return 1 + (this.mfaId ? 1 : 0) + (this.otpId ? 1 : 0);
    }

    render() {
        const steps = this.#totalSteps;
        return html`
          <section class="panel" aria-labelledby="login-title">
            <h1 id="login-title">Superuser login${steps > 1 ? html` <span class="muted">(${this.#step}/${steps})</span>` : nothing}</h1>
            ${this.methods === null ? html`<p class="center"><span class="spinner" aria-hidden="true"></span>
              <span class="sr-only">Loading</span></p>` : this.#form()}
          </section>
          <details class="first-run">
            <summary>First time here?</summary>
            <p>A fresh Locket has no superuser. When you start it with <code>serve</code>, it prints a one-time
              installer link (<code>…/_/#/pbinstall/…</code>) in its terminal: open that link to create the first
              superuser. Or create one from the command line:</p>
            <pre><code>java -jar locket.jar superuser upsert EMAIL PASSWORD</code></pre>
          </details>`;
    }

    #form() {
        if (this.methods.password?.enabled && !this.mfaId) {
            return this.#passwordForm();
        }
        if (this.methods.otp?.enabled) {
            return this.otpId ? this.#otpForm() : this.#requestOtpForm();
        }
        return html`<p class="alert danger">No login method is enabled for superusers.</p>`;
    }

    #passwordForm() {
        const fields = this.#identityFields;
        const onlyEmail = fields.length === 1 && fields[0] === "email";
        const label = fields.map((f, i) => (i === 0 ? f.charAt(0).toUpperCase() + f.slice(1) : f)).join(" or ");
        return html`
          <form class="stack" @submit=${this.#authWithPassword} novalidate>
            ${field({ id: "login-identity", label, name: "identity", type: onlyEmail ? "email" : "text",
                value: this.identity, required: true, autofocus: true, autocomplete: onlyEmail ? "email" : "username",
                error: errorAt(this.errors, "identity"), oninput: (e) => (this.identity = e.target.value) })}
            ${passwordField({ id: "login-password", label: "Password", name: "password", value: this.password,
                required: true, error: errorAt(this.errors, "password"),
                oninput: (e) => (this.password = e.target.value) })}
            <p class="right"><a href="#/request-password-reset">Forgotten password?</a></p>
            ${submitButton(this.#totalSteps > 1 ? "Next" : "Log in", { busy: this.busy })}
          </form>`;
    }

    #requestOtpForm() {
        return html`
          <form class="stack" @submit=${this.#requestOtp} novalidate>
            ${this.mfaId ? html`<p>Your password is right. A one-time password completes the login.</p>` : nothing}
            ${field({ id: "otp-email", label: "Email", name: "email", type: "email", value: this.otpEmail,
                required: true, autofocus: true, autocomplete: "email", error: errorAt(this.errors, "email"),
                oninput: (e) => (this.otpEmail = e.target.value) })}
            ${submitButton("Send one-time password", { busy: this.busy })}
          </form>`;
    }

    #otpForm() {
        return html`
          <form class="stack" @submit=${this.#authWithOtp} novalidate>
            ${this.otpEmail ? html`<p>Check the inbox of <strong>${this.otpEmail}</strong> and enter the one-time
              password it received.</p>` : nothing}
            ${field({ id: "otp-id", label: "Id", name: "otpId", value: this.otpId, required: true,
                help: "The id of the one-time password (filled in for you).", error: errorAt(this.errors, "otpId"),
                oninput: (e) => (this.otpId = e.target.value) })}
            ${passwordField({ id: "otp-password", label: "One-time password", name: "password",
                value: this.otpPassword, required: true, autofocus: true, autocomplete: "one-time-code",
                error: errorAt(this.errors, "password"), oninput: (e) => (this.otpPassword = e.target.value) })}
            ${submitButton("Log in", { busy: this.busy })}
            <p class="center"><button type="button" class="btn link" ?disabled=${this.busy}
              @click=${() => { this.otpId = ""; this.otpPassword = ""; this.errors = {}; }}>
              Request another one-time password</button></p>
          </form>`;
    }

    async #authWithPassword(e) {
        e.preventDefault();
        if (this.busy) {
            return;
        }
        this.busy = true;
        this.errors = {};
        try {
            await superusers().authWithPassword(this.identity, this.password);
            this.#done();
        } catch (err) {
            if (err.status === 401 && err.response?.mfaId) {
                // the first factor passed; MFA asks for a second one
                this.mfaId = err.response.mfaId;
                const fields = this.#identityFields;
                if (fields.length === 1 && fields[0] === "email") {
                    this.otpEmail = this.identity;
                    this.busy = false;
                    await this.#sendOtp();
                } else if (/^[^@\s]+@[^@\s]+$/.test(this.identity)) {
                    this.otpEmail = this.identity;
                }
            } else if (err.status === 400) {
                this.errors = fieldErrors(err);
                toast.error("Invalid login credentials.");
            } else {
                showError(err);
            }
        }
        this.busy = false;
    }

    async #requestOtp(e) {
        e.preventDefault();
        await this.#sendOtp();
    }

    async #sendOtp() {
        await submitting(this, async () => {
            try {
                const result = await superusers().requestOtp(this.otpEmail);
                this.otpId = result.otpId;
                this.lastOtpId = result.otpId;
                toast.clear();
            } catch (err) {
                if (err.status === 429) {
                    this.otpId = this.lastOtpId; // too many requests: keep using the last one
                }
                throw err;
            }
        });
    }

    async #authWithOtp(e) {
        e.preventDefault();
        if (await submitting(this, () => superusers().authWithOtp(this.otpId || this.lastOtpId, this.otpPassword,
            { mfaId: this.mfaId }))) {
            this.#done();
        }
    }

    #done() {
        toast.clear();
        navigate("#/");
    }
}
customElements.define("lk-login-page", LoginPage);

// #/auth/confirm-password-reset/{token}: the link of the password reset mail (any auth collection).

import { html } from "lit";
import { LkElement } from "../../core/element.js";
import { toast } from "../../ui/toasts.js";
import { errorAt, submitting } from "../../core/errors.js";
import { passwordField, submitButton } from "../../ui/field.js";
import { invalidLink, linkToken } from "./landing.js";

class ConfirmPasswordResetPage extends LkElement {
    static properties = {
        route: { attribute: false },
        password: { state: true },
        passwordConfirm: { state: true },
        busy: { state: true },
        done: { state: true },
        errors: { state: true },
    };

    constructor() {
        super();
        this.password = "";
        this.passwordConfirm = "";
        this.busy = false;
        this.done = false;
        this.errors = {};
    }

    render() {
        const { claims } = linkToken(this.route);
        if (!claims.email || !claims.collectionId) {
            return invalidLink("confirm-reset-title", "Reset password", "password reset");
        }
        return html`
          <section class="panel" aria-labelledby="confirm-reset-title">
            <h1 id="confirm-reset-title">Reset password</h1>
            ${this.done ? html`
              <div class="alert success" role="status">
                <p>Your password has been changed.</p>
                <p>You can now sign in with your new password.</p>
              </div>` : html`
              <form class="stack" @submit=${this.#submit} novalidate>
                <p>Choose a new password for <strong>${claims.email}</strong>.</p>
                ${errorAt(this.errors, "token") ? html`<p class="alert danger">${errorAt(this.errors, "token")}</p>` : ""}
                ${passwordField({ id: "reset-password", label: "New password", name: "password", value: this.password,
                    required: true, autofocus: true, autocomplete: "new-password",
                    error: errorAt(this.errors, "password"), oninput: (e) => (this.password = e.target.value) })}
                ${passwordField({ id: "reset-password-confirm", label: "New password confirm", name: "passwordConfirm",
                    value: this.passwordConfirm, required: true, autocomplete: "new-password",
                    error: errorAt(this.errors, "passwordConfirm"),
                    oninput: (e) => (this.passwordConfirm = e.target.value) })}
                ${submitButton("Set new password", { busy: this.busy })}
              </form>`}
          </section>`;
    }

    async #submit(e) {
        e.preventDefault();
        const { token, records } = linkToken(this.route);
        await submitting(this, async () => {
            await records.confirmPasswordReset(token, this.password, this.passwordConfirm);
            this.done = true;
            toast.clear();
        });
    }
}
customElements.define("lk-confirm-password-reset-page", ConfirmPasswordResetPage);

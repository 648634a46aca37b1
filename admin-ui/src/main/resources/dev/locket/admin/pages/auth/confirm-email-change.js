// #/auth/confirm-email-change/{token}: the link of the email change mail, sent to the new address; the
// account's password confirms the change.

import { html } from "lit";
import { LkElement } from "../../core/element.js";
import { toast } from "../../ui/toasts.js";
import { errorAt, submitting } from "../../core/errors.js";
import { passwordField, submitButton } from "../../ui/field.js";
import { invalidLink, linkToken } from "./landing.js";

class ConfirmEmailChangePage extends LkElement {
    static properties = {
        route: { attribute: false },
        password: { state: true },
        busy: { state: true },
        done: { state: true },
        errors: { state: true },
    };

    constructor() {
        super();
        this.password = "";
        this.busy = false;
        this.done = false;
        this.errors = {};
    }

    render() {
        const { claims } = linkToken(this.route);
        if (!claims.newEmail || !claims.collectionId) {
            return invalidLink("email-change-title", "Confirm new email", "email change");
        }
        return html`
          <section class="panel" aria-labelledby="email-change-title">
            <h1 id="email-change-title">Confirm new email</h1>
            ${this.done ? html`
              <div class="alert success" role="status">
                <p>Your email has been changed to <strong>${claims.newEmail}</strong>.</p>
                <p>Sign in with your new email from now on.</p>
              </div>` : html`
              <form class="stack" @submit=${this.#submit} novalidate>
                <p>Enter your password to change your email to <strong>${claims.newEmail}</strong>.</p>
                ${errorAt(this.errors, "token") ? html`<p class="alert danger">${errorAt(this.errors, "token")}</p>` : ""}
                ${passwordField({ id: "email-change-password", label: "Password", name: "password",
                    value: this.password, required: true, autofocus: true,
                    error: errorAt(this.errors, "password"), oninput: (e) => (this.password = e.target.value) })}
                ${submitButton("Confirm new email", { busy: this.busy })}
              </form>`}
          </section>`;
    }

    async #submit(e) {
        e.preventDefault();
        const { token, records } = linkToken(this.route);
        await submitting(this, async () => {
            await records.confirmEmailChange(token, this.password);
            this.done = true;
            toast.clear();
        });
    }
}
customElements.define("lk-confirm-email-change-page", ConfirmEmailChangePage);

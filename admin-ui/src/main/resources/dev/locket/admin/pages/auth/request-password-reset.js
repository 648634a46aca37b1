// #/request-password-reset: mails a superuser a link to #/auth/confirm-password-reset/{token}.

import { html } from "lit";
import { LkElement } from "../../core/element.js";
import { toast } from "../../ui/toasts.js";
import { api } from "../../core/api.js";
import { errorAt, submitting } from "../../core/errors.js";
import { field, submitButton } from "../../ui/field.js";

class RequestPasswordResetPage extends LkElement {
    static properties = {
        email: { state: true },
        busy: { state: true },
        sent: { state: true },
        errors: { state: true },
    };

    constructor() {
        super();
        this.email = "";
        this.busy = false;
        this.sent = false;
        this.errors = {};
    }

    render() {
        return html`
          <section class="panel" aria-labelledby="reset-title">
            <h1 id="reset-title">Forgotten password</h1>
            ${this.sent ? html`
              <p class="alert success" role="status">Check <strong>${this.email}</strong> for a link to choose a new
                password.</p>` : html`
              <form class="stack" @submit=${this.#submit} novalidate>
                <p>Enter the email of your superuser account and we will send you a link to reset its password.</p>
                ${field({ id: "reset-email", label: "Email", name: "email", type: "email", value: this.email,
                    required: true, autofocus: true, autocomplete: "email", error: errorAt(this.errors, "email"),
                    oninput: (e) => (this.email = e.target.value) })}
                ${submitButton("Send reset link", { busy: this.busy })}
              </form>`}
            <p class="center"><a href="#/login">Back to login</a></p>
          </section>`;
    }

    async #submit(e) {
        e.preventDefault();
        await submitting(this, async () => {
            await api.collection("_superusers").requestPasswordReset(this.email);
            this.sent = true;
            toast.clear();
        });
    }
}
customElements.define("lk-request-password-reset-page", RequestPasswordResetPage);

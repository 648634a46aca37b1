// #/auth/confirm-verification/{token}: the link of the verification mail. It confirms at once; a failed
// (e.g. expired) link offers to send a new mail.

import { html } from "lit";
import { LkElement } from "../../core/element.js";
import { showError } from "../../core/errors.js";
import { invalidLink, linkToken } from "./landing.js";

class ConfirmVerificationPage extends LkElement {
    static properties = {
        route: { attribute: false },
        state: { state: true },
    };

    constructor() {
        super();
        /** "confirming" | "verified" | "failed" | "resending" | "resent" */
        this.state = "confirming";
    }

    willUpdate(changed) {
        if (changed.has("route")) {
            this.#confirm();
        }
    }

    render() {
        const { claims } = linkToken(this.route);
        if (!claims.email || !claims.collectionId) {
            return invalidLink("verify-title", "Verify email", "verification");
        }
        return html`
          <section class="panel" aria-labelledby="verify-title">
            <h1 id="verify-title">Verify email</h1>
            ${this.#body(claims)}
          </section>`;
    }

    #body(claims) {
        switch (this.state) {
            case "confirming":
                return html`<p class="center" aria-busy="true"><span class="spinner" aria-hidden="true"></span>
                  Confirming…</p>`;
            case "verified":
                return html`<p class="alert success" role="status">Your email <strong>${claims.email}</strong> is
                  verified.</p>`;
            case "resent":
                return html`<p class="alert success" role="status">A new verification link is on its way to
                  <strong>${claims.email}</strong>.</p>`;
            default:
                return html`
                  <p class="alert danger">This verification link is invalid or has expired.</p>
                  <button type="button" class="btn ghost block" ?disabled=${this.state === "resending"}
                          aria-busy=${this.state === "resending" ? "true" : "false"} @click=${this.#resend}>
                    Send a new link</button>`;
        }
    }

    async #confirm() {
        const { token, claims, records } = linkToken(this.route);
        if (!claims.email || !records) {
            return;
        }
        this.state = "confirming";
        try {
            await records.confirmVerification(token);
            this.state = "verified";
        } catch {
            this.state = "failed";
        }
    }

    async #resend() {
        const { claims, records } = linkToken(this.route);
        this.state = "resending";
        try {
            await records.requestVerification(claims.email);
            this.state = "resent";
        } catch (err) {
            showError(err);
            this.state = "failed";
        }
    }
}
customElements.define("lk-confirm-verification-page", ConfirmVerificationPage);

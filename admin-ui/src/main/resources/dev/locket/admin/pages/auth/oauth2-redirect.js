// #/auth/oauth2-redirect-success and -failure: where /api/oauth2-redirect sends the OAuth2 popup once it
// has handed the code to the waiting app over realtime. The popup closes itself when the browser lets it.

import { html } from "lit";
import { LkElement } from "../../core/element.js";

class OAuth2RedirectPage extends LkElement {
    static properties = { route: { attribute: false } };

    get success() {
        return this.route?.path === "#/auth/oauth2-redirect-success";
    }

    connectedCallback() {
        super.connectedCallback();
        // only a window opened by a script may close itself; others keep the message below
        window.close();
    }

    render() {
        return html`
          <section class="panel" aria-labelledby="oauth2-title">
            <h1 id="oauth2-title">${this.success ? "Signed in" : "Sign-in failed"}</h1>
            <p class="alert ${this.success ? "success" : "danger"}" role="status">${this.success
                ? "You can close this window and go back to the app."
                : "You can close this window and try again from the app."}</p>
          </section>`;
    }
}
customElements.define("lk-oauth2-redirect-page", OAuth2RedirectPage);

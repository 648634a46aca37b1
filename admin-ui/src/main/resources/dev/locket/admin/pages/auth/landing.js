// What the public landing pages share: the token of the link and a client without the superuser's session
// (the mails go to users of any auth collection, who must not be mixed up with a signed-in superuser).

import { html } from "lit";
import { api } from "../../core/api.js";
import { tokenPayload } from "../../core/auth.js";

/** The token's claims and a guest client of its collection; `claims` is {} for a malformed token. */
export function linkToken(route) {
    const token = route?.params?.token || "";
    const claims = tokenPayload(token);
    return { token, claims, records: claims.collectionId ? api.guest().collection(claims.collectionId) : null };
}

/** The panel shown for a link whose token cannot be read. */
export function invalidLink(id, heading, what) {
    return html`
      <section class="panel" aria-labelledby=${id}>
        <h1 id=${id}>${heading}</h1>
        <p class="alert danger">This ${what} link is invalid or has expired. Request a new one from the app.</p>
      </section>`;
}

// #/pbinstall/{token}: the link `serve` prints while no superuser exists. The token is a short-lived auth
// token of a temporary installer superuser: with it the form creates the first real superuser (which makes
// the server delete the installer account) and then logs in with the new credentials. A backup archive
// may be restored instead, as upstream offers.

import { html } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { isTokenExpired, tokenPayload } from "../../core/auth.js";
import { errorAt, showError, submitting } from "../../core/errors.js";
import { navigate } from "../../core/router.js";
import { confirmDialog } from "../../ui/dialog.js";
import { field, passwordField, submitButton } from "../../ui/field.js";
import { toast } from "../../ui/toasts.js";

class InstallerPage extends LkElement {
    static properties = {
        route: { attribute: false },
        email: { state: true },
        password: { state: true },
        passwordConfirm: { state: true },
        busy: { state: true },
        uploading: { state: true },
        errors: { state: true },
    };

    constructor() {
        super();
        this.email = "";
        this.password = "";
        this.passwordConfirm = "";
        this.busy = false;
        this.uploading = false;
        this.errors = {};
    }

    get token() {
        return this.route?.params?.token || "";
    }

    get valid() {
        return tokenPayload(this.token).type === "auth" && !isTokenExpired(this.token);
    }

    render() {
        if (!this.valid) {
            return html`
              <section class="panel" aria-labelledby="installer-title">
                <h1 id="installer-title">Installer link expired</h1>
                <p class="alert danger">This installer link is invalid or has expired (it is valid for 30 minutes).</p>
                <p>Restart the server to get a new link (it prints one as long as no superuser exists), or create a
                  superuser from the command line:</p>
                <pre><code>java -jar locket.jar superuser upsert EMAIL PASSWORD</code></pre>
                <p><a class="btn ghost block" href="#/login">Go to the login page</a></p>
              </section>`;
        }
        const busy = this.busy || this.uploading;
        return html`
          <section class="panel" aria-labelledby="installer-title">
            <h1 id="installer-title">Set up your Locket</h1>
            <p>Create the first superuser account to continue.</p>
            <form class="stack" @submit=${this.#submit} novalidate>
              ${field({ id: "installer-email", label: "Email", name: "email", type: "email", value: this.email,
                  required: true, autofocus: true, autocomplete: "email", disabled: busy,
                  error: errorAt(this.errors, "email"), oninput: (e) => (this.email = e.target.value) })}
              ${passwordField({ id: "installer-password", label: "Password", name: "password", value: this.password,
                  required: true, autocomplete: "new-password", disabled: busy, help: "At least 10 characters.",
                  error: errorAt(this.errors, "password"), oninput: (e) => (this.password = e.target.value) })}
              ${passwordField({ id: "installer-password-confirm", label: "Password confirm", name: "passwordConfirm",
                  value: this.passwordConfirm, required: true, autocomplete: "new-password", disabled: busy,
                  error: errorAt(this.errors, "passwordConfirm"),
                  oninput: (e) => (this.passwordConfirm = e.target.value) })}
              ${submitButton("Create superuser and log in", { busy: this.busy, disabled: busy })}
            </form>
            <hr>
            <label class="btn ghost block file-button ${busy ? "disabled" : ""}" for="installer-backup">
              Or restore a backup (.zip)</label>
            <input id="installer-backup" class="visually-hidden-file" type="file" accept=".zip,application/zip"
                   ?disabled=${busy} @change=${this.#pickBackup}>
          </section>`;
    }

    async #submit(e) {
        e.preventDefault();
        const superusers = api.collection("_superusers");
        await submitting(this, async () => {
            await superusers.create({ email: this.email, password: this.password, passwordConfirm: this.passwordConfirm },
                { headers: { Authorization: this.token } });
            await superusers.authWithPassword(this.email, this.password);
            toast.clear();
            toast.success("Welcome! Your superuser account is ready.");
            navigate("#/");
        });
    }

    async #pickBackup(e) {
        const input = e.target;
        const file = input.files?.[0];
        if (!file) {
            return;
        }
        const ok = await confirmDialog({
            heading: "Restore this backup?",
            message: `Backups are not checked before they are restored: only use an archive you trust. `
                + `Restore "${file.name}" into this server?`,
            confirmText: "Restore",
            danger: true,
        });
        if (!ok) {
            input.value = "";
            return;
        }
        this.uploading = true;
        const auth = { Authorization: this.token };
        try {
            const form = new FormData();
            form.append("file", file);
            await api.send("/api/backups/upload", { method: "POST", body: form, headers: auth });
            await api.send("/api/backups/" + encodeURIComponent(file.name) + "/restore", { method: "POST", headers: auth });
            toast.info("Restoring the backup; the server reopens its data in a moment.");
            // the restore finishes after the answer (the server reopens its data): give it a moment
            await new Promise((r) => setTimeout(r, 3000));
            navigate("#/login");
        } catch (err) {
            showError(err);
        }
        input.value = "";
        this.uploading = false;
    }
}
customElements.define("lk-installer-page", InstallerPage);

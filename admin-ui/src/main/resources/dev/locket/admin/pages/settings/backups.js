// #/settings/backups: the archives of pb_data (create, upload, download, restore, delete) and the options of
// automatic backups (cron schedule, how many to keep, S3).

import { html, nothing } from "lit";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError } from "../../core/errors.js";
import { checkboxField, field, selectField } from "../../ui/field.js";
import { confirmDialog, dialogAlert, failureOf } from "../../ui/dialog.js";
import { toast } from "../../ui/toasts.js";
import { formatBytes, formatDate } from "../../ui/format.js";
import { loadingBlock, settingsFrame } from "./frame.js";
import { s3Fields, s3TestControl, testS3 } from "./s3.js";
import { SettingsForm } from "./settings-form.js";

const PRESETS = [
    { value: "0 0 * * *", label: "Every day at 00:00" },
    { value: "0 0 * * 0", label: "Every Sunday at 00:00" },
    { value: "0 0 * * 1,3", label: "Mondays and Wednesdays at 00:00" },
    { value: "0 0 1 * *", label: "The first day of every month at 00:00" },
];
/** How often the page asks whether a backup or restore is running (as upstream's dashboard). */
const BUSY_POLL_MS = 3500;

class BackupsPage extends SettingsForm {
    static keys = ["backups"];
    static secrets = ["backups.s3.secret"];
    static idPrefix = "backups";
    static properties = {
        ...SettingsForm.properties,
        backups: { state: true },
        listLoading: { state: true },
        canBackup: { state: true },
        creating: { state: true },
        createErrors: { state: true },
        restoring: { state: true },
        restoreState: { state: true },
        uploading: { state: true },
        probe: { state: true },
        busyKeys: { state: true },
    };

    constructor() {
        super();
        this.savedMessage = "Backup settings saved.";
        this.backups = [];
        this.listLoading = true;
        this.canBackup = true;
        this.creating = null;
        this.createErrors = {};
        this.restoring = null;
        this.restoreState = "idle";
        this.uploading = false;
        this.probe = { busy: false, result: null };
        this.busyKeys = new Set();
    }

    connectedCallback() {
        super.connectedCallback();
        this.loadBackups();
        this.poll = setInterval(() => this.#checkBusy(), BUSY_POLL_MS);
    }

    disconnectedCallback() {
        clearInterval(this.poll);
        clearInterval(this.restartPoll);
        super.disconnectedCallback();
    }

    prepare(form) {
        form.backups.s3 ||= {};
        form.backups.cron ||= "";
    }

    async loadBackups() {
        this.listLoading = true;
        try {
            const list = await api.send("/api/backups");
            this.backups = (list || []).sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : 0));
        } catch (err) {
            showError(err);
        } finally {
            this.listLoading = false;
        }
    }

    async #checkBusy() {
        if (this.restoreState !== "idle") {
            return;
        }
        try {
            const health = await api.health();
            const can = health?.data?.canBackup !== false;
            if (can && !this.canBackup) {
                this.loadBackups();
            }
            this.canBackup = can;
        } catch {
            // the next poll tries again
        }
    }

    render() {
        const actions = html`
          <input id="backups-upload" type="file" class="visually-hidden-file" accept=".zip,application/zip"
                 ?disabled=${this.uploading || !this.canBackup} @change=${(e) => this.#upload(e)}>
          <label for="backups-upload" class="btn file-button ${this.uploading || !this.canBackup ? "disabled" : ""}"
                 aria-busy=${this.uploading ? "true" : "false"}>Upload backup</label>
          <button type="button" id="backups-new" class="btn primary" ?disabled=${!this.canBackup}
                  @click=${() => { this.creating = { name: "" }; this.createErrors = {}; }}>New backup</button>`;
        const content = html`
          ${this.canBackup ? nothing : html`<p class="alert warning" role="status">A backup or restore is running;
            the actions are back when it is done.</p>`}
          ${this.#list()}
          ${this.loading || !this.form ? loadingBlock() : this.#options()}
          ${this.#createDialog()}
          ${this.#restoreDialog()}`;
        return settingsFrame(this.route, "Backups", content, actions);
    }

    #list() {
        if (this.listLoading && this.backups.length === 0) {
            return loadingBlock("Loading the backups");
        }
        return html`
          <div class="table-wrap backups-list">
            <table class="table">
              <caption class="sr-only">Backups</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Size</th><th scope="col">Created</th>
                <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                ${this.backups.length === 0 ? html`<tr><td colspan="4" class="muted">No backups yet.</td></tr>`
                    : nothing}
                ${this.backups.map((b) => html`<tr data-key=${b.key}>
                  <td class="backup-key"><code>${b.key}</code></td>
                  <td>${formatBytes(b.size)}</td>
                  <td>${formatDate(b.modified)}</td>
                  <td class="row-actions">
                    <button type="button" class="btn sm" aria-label="Download ${b.key}"
                        ?disabled=${this.busyKeys.has(b.key)} @click=${() => this.#download(b.key)}>Download</button>
                    <button type="button" class="btn sm" aria-label="Restore ${b.key}" ?disabled=${!this.canBackup}
                        @click=${() => { this.restoring = { key: b.key, confirm: "" }; }}>Restore</button>
                    <button type="button" class="btn sm danger" aria-label="Delete ${b.key}"
                        ?disabled=${!this.canBackup || this.busyKeys.has(b.key)}
                        @click=${() => this.#delete(b.key)}>Delete</button>
                  </td>
                </tr>`)}
              </tbody>
            </table>
          </div>`;
    }

    #options() {
        const cron = this.get("backups.cron") || "";
        const auto = this.autoOn ?? !!cron;
        return html`
          <form class="stack settings-form" @submit=${(e) => this.save(e)} novalidate>
            <section class="card stack" aria-labelledby="backups-auto">
              <h2 id="backups-auto">Automatic backups</h2>
              ${checkboxField({ id: "backups-auto-enabled", label: "Make backups on a schedule", checked: auto,
                  onchange: (e) => this.#toggleAuto(e.target.checked) })}
              ${auto ? html`
                <div class="form-grid">
                  ${this.text("backups.cron", { label: "Schedule (cron expression)", required: true,
                      placeholder: "* * * * *", help: "Minute, hour, day of month, month, day of week (UTC)." })}
                  ${selectField({ id: "backups-preset", label: "Common schedules",
                      value: PRESETS.some((p) => p.value === cron) ? cron : "",
                      options: [{ value: "", label: "Choose…" }, ...PRESETS],
                      onchange: (e) => e.target.value && this.set("backups.cron", e.target.value) })}
                  ${this.number("backups.cronMaxKeep", { label: "Keep the newest", min: 1,
                      help: "Older automatic backups are deleted." })}
                </div>` : nothing}
            </section>
            <section class="card stack" aria-labelledby="backups-s3">
              <h2 id="backups-s3">Where backups go</h2>
              ${this.check("backups.s3.enabled", { label: "Store backups in S3-compatible storage",
                  help: "Otherwise they are kept in pb_data/backups." })}
              ${s3Fields(this, "backups.s3")}
              ${this.settings?.backups?.s3?.enabled ? s3TestControl({ id: "backups-test", state: this.probe,
                  disabled: this.hasChanges, onTest: () => this.#test() }) : nothing}
            </section>
            ${this.formActions()}
          </form>`;
    }

    // the schedule toggle is not a setting of its own: off clears the cron expression
    #toggleAuto(on) {
        this.autoOn = on;
        if (!on) {
            this.set("backups.cron", "");
        } else {
            this.requestUpdate();
        }
    }

    init(settings) {
        super.init(settings);
        this.autoOn = undefined;
    }

    reset() {
        super.reset();
        this.autoOn = undefined;
    }

    afterSave() {
        this.probe = { busy: false, result: null };
    }

    async #test() {
        this.probe = { busy: true, result: null };
        this.probe = { busy: false, result: await testS3("backups") };
    }

    #createDialog() {
        const c = this.creating;
        return html`<lk-dialog size="sm" heading="New backup" .open=${!!c}
            @lk-close=${() => { if (!c?.busy) this.creating = null; }}
            .body=${c ? html`<form id="backups-create-form" class="stack" @submit=${(e) => this.#create(e)} novalidate>
              ${dialogAlert(c.failure)}
              <p class="muted">The whole data directory is archived; writes wait while it is taken.</p>
              ${field({ id: "backups-create-name", label: "Name (optional)", value: c.name,
                  placeholder: "e.g. before_migration.zip", error: errorAt(this.createErrors, "name"),
                  help: "Lowercase letters, digits, _ and -, ending in .zip. Empty: a generated name.",
                  oninput: (e) => (this.creating = { ...c, name: e.target.value }) })}
            </form>` : nothing}
            .footer=${html`
              <button type="button" class="btn ghost" ?disabled=${!!c?.busy} @click=${() => (this.creating = null)}>
                Cancel</button>
              <button type="submit" form="backups-create-form" class="btn primary" ?disabled=${!!c?.busy}
                      aria-busy=${c?.busy ? "true" : "false"}>Create</button>`}></lk-dialog>`;
    }

    async #create(e) {
        e.preventDefault();
        const c = this.creating;
        if (!c || c.busy) {
            return;
        }
        this.creating = { ...c, busy: true };
        try {
            const name = c.name.trim();
            await api.send("/api/backups", { method: "POST", body: name ? { name } : {} });
            toast.clear();
            toast.success("Backup created.");
            this.creating = null;
            this.loadBackups();
        } catch (err) {
            this.createErrors = fieldErrors(err);
            showError(err);
            this.creating = { ...c, busy: false, failure: failureOf(err) };
        }
    }

    #restoreDialog() {
        const r = this.restoring;
        const busy = this.restoreState !== "idle";
        const body = r ? html`
          <form id="backups-restore-form" class="stack" @submit=${(e) => this.#restore(e)} novalidate>
            ${dialogAlert(r.failure)}
            <p class="alert danger">Restoring replaces <strong>all</strong> current data (records, collections,
              settings, files on local storage) with the archive's. Only restore backups you trust.</p>
            ${busy ? html`<p role="status" class="restore-status"><span class="spinner" aria-hidden="true"></span>
              Restoring ${r.key}; the server restarts and the page reloads when it is back…</p>` : html`
              ${field({ id: "backups-restore-confirm", label: html`Type <code>${r.key}</code> to confirm`,
                  value: r.confirm, autocomplete: "off",
                  oninput: (e) => (this.restoring = { ...r, confirm: e.target.value }) })}`}
          </form>` : nothing;
        return html`<lk-dialog size="md" heading="Restore a backup" .open=${!!r}
            @lk-close=${() => { if (!busy) this.restoring = null; }}
            .body=${body}
            .footer=${html`
              <button type="button" class="btn ghost" ?disabled=${busy} @click=${() => (this.restoring = null)}>
                Cancel</button>
              <button type="submit" form="backups-restore-form" class="btn danger"
                      ?disabled=${busy || !r || r.confirm !== r.key} aria-busy=${busy ? "true" : "false"}>
                Restore</button>`}></lk-dialog>`;
    }

    async #restore(e) {
        e.preventDefault();
        const r = this.restoring;
        if (!r || r.confirm !== r.key || this.restoreState !== "idle") {
            return;
        }
        this.restoreState = "restoring";
        try {
            await api.send(`/api/backups/${encodeURIComponent(r.key)}/restore`, { method: "POST" });
        } catch (err) {
            this.restoreState = "idle";
            this.restoring = { ...r, failure: failureOf(err) || err.message };
            showError(err);
            return;
        }
        // the server answers at once and restarts on the restored data: wait until it is back, then reload
        // (the session may belong to a superuser the backup does not have)
        const started = Date.now();
        let sawBusy = false;
        this.restartPoll = setInterval(async () => {
            try {
                const health = await api.health();
                sawBusy ||= health?.data?.canBackup === false;
                if (health?.data?.canBackup !== false && (sawBusy || Date.now() - started > 4000)) {
                    clearInterval(this.restartPoll);
                    location.reload();
                }
            } catch {
                sawBusy = true; // down while restarting
            }
        }, 500);
    }

    async #upload(e) {
        const input = e.target;
        const file = input.files?.[0];
        if (!file) {
            return;
        }
        this.uploading = true;
        try {
            const body = new FormData();
            body.append("file", file);
            await api.send("/api/backups/upload", { method: "POST", body });
            toast.clear();
            toast.success(`Uploaded ${file.name}.`);
            this.loadBackups();
        } catch (err) {
            const detail = err.data?.file?.message;
            showError(detail ? { ...err, message: `${err.message} ${detail}` } : err);
        } finally {
            this.uploading = false;
            input.value = "";
        }
    }

    async #download(key) {
        this.busyKeys = new Set([...this.busyKeys, key]);
        try {
            // the download is a plain GET the browser makes: a short-lived file token stands in for the header
            const { token } = await api.send("/api/files/token", { method: "POST" });
            const a = document.createElement("a");
            a.href = api.url(`/api/backups/${encodeURIComponent(key)}`, { token });
            a.download = key;
            a.hidden = true;
            document.body.append(a);
            a.click();
            a.remove();
        } catch (err) {
            showError(err);
        } finally {
            const keys = new Set(this.busyKeys);
            keys.delete(key);
            this.busyKeys = keys;
        }
    }

    async #delete(key) {
        const ok = await confirmDialog({ heading: "Delete this backup?", message: `${key} will be deleted for good.`,
            confirmText: "Delete", danger: true });
        if (!ok) {
            return;
        }
        try {
            await api.send(`/api/backups/${encodeURIComponent(key)}`, { method: "DELETE" });
            toast.clear();
            toast.success(`Deleted ${key}.`);
            this.loadBackups();
        } catch (err) {
            showError(err);
        }
    }
}
customElements.define("lk-backups-page", BackupsPage);

// #/settings/crons: the registered cron jobs (system ones start with __pb) and running one at once.

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { whileLoading, showError } from "../../core/errors.js";
import { toast } from "../../ui/toasts.js";
import { loadingBlock, settingsFrame } from "./frame.js";

/** What the built-in jobs do, for the reader. */
const SYSTEM_JOBS = {
    __pbLogsCleanup__: "Deletes logs older than the retention.",
    __pbDBOptimize__: "Optimizes the SQLite databases.",
    __pbMFACleanup__: "Deletes expired MFA sessions.",
    __pbOTPCleanup__: "Deletes expired one-time passwords.",
    __pbRateLimitersCleanup__: "Forgets idle rate limit counters.",
    __pbAutoBackup__: "Makes the automatic backup (Backups settings).",
};

class CronsPage extends LkElement {
    static properties = {
        route: { attribute: false },
        crons: { state: true },
        loading: { state: true },
        running: { state: true },
    };

    constructor() {
        super();
        this.crons = [];
        this.loading = true;
        this.running = new Set();
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        await whileLoading(this, async () => {
            this.crons = (await api.send("/api/crons")) || [];
        });
    }

    render() {
        const actions = html`<button type="button" class="btn" ?disabled=${this.loading}
            @click=${() => this.load()}>Refresh</button>`;
        const content = this.loading && this.crons.length === 0 ? loadingBlock() : html`
          <p class="muted">Jobs registered by the server and by hooks. Schedules are in UTC.</p>
          <div class="table-wrap">
            <table class="table crons-table">
              <caption class="sr-only">Cron jobs</caption>
              <thead><tr><th scope="col">Job</th><th scope="col">Schedule</th>
                <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                ${this.crons.length === 0 ? html`<tr><td colspan="3" class="muted">No cron jobs.</td></tr>` : nothing}
                ${this.crons.map((c) => html`<tr data-id=${c.id}>
                  <td><code>${c.id}</code>${SYSTEM_JOBS[c.id] ? html`<div class="field-help">${SYSTEM_JOBS[c.id]}</div>`
                      : nothing}</td>
                  <td><code>${c.expression}</code></td>
                  <td class="right"><button type="button" class="btn sm" aria-label="Run ${c.id} now"
                      ?disabled=${this.running.has(c.id)} aria-busy=${this.running.has(c.id) ? "true" : "false"}
                      @click=${() => this.#run(c.id)}>Run now</button></td>
                </tr>`)}
              </tbody>
            </table>
          </div>`;
        return settingsFrame(this.route, "Crons", content, actions);
    }

    async #run(id) {
        this.running = new Set([...this.running, id]);
        try {
            await api.send(`/api/crons/${encodeURIComponent(id)}`, { method: "POST" });
            toast.clear();
            toast.success(`Started ${id}.`);
        } catch (err) {
            showError(err);
        } finally {
            const running = new Set(this.running);
            running.delete(id);
            this.running = running;
        }
    }
}
customElements.define("lk-crons-page", CronsPage);

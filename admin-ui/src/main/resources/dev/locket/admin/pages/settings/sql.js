// #/settings/sql: run one SQL statement against data.db (POST /api/sql) and see its rows (at most 1000).

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError } from "../../core/errors.js";
import { textareaField } from "../../ui/field.js";
import { settingsFrame } from "./frame.js";

const LAST_QUERY = "locketLastSqlQuery";

class SqlConsolePage extends LkElement {
    static properties = {
        route: { attribute: false },
        query: { state: true },
        running: { state: true },
        result: { state: true },
        errors: { state: true },
        failure: { state: true },
    };

    constructor() {
        super();
        this.query = sessionStorage.getItem(LAST_QUERY) || "SELECT name, type FROM sqlite_master ORDER BY name";
        this.running = false;
        this.result = null;
        this.errors = {};
        this.failure = "";
    }

    render() {
        const r = this.result;
        const content = html`
          <p class="alert warning">Statements run as they are, on the live database: a write cannot be undone.</p>
          <form class="stack" @submit=${(e) => this.#run(e)} novalidate>
            <div @keydown=${(e) => this.#keys(e)}>
              ${textareaField({ id: "sql-query", label: "Query", rows: 6, value: this.query,
                  error: errorAt(this.errors, "query") || this.failure,
                  help: "Ctrl+Enter runs it. At most 1000 rows are returned.",
                  oninput: (e) => (this.query = e.target.value) })}
            </div>
            <div class="form-actions">
              <button type="submit" class="btn primary" ?disabled=${this.running || !this.query.trim()}
                      aria-busy=${this.running ? "true" : "false"}>Run</button>
            </div>
          </form>
          <div role="status" aria-live="polite" class="sql-meta">
            ${r ? html`${r.rows.length} row(s)${r.affectedRows ? html`, ${r.affectedRows} affected` : nothing}
              in ${r.execTime} ms.` : nothing}
          </div>
          ${r && r.columns.length ? html`
            <div class="table-wrap sql-result">
              <table class="table">
                <caption class="sr-only">Query result</caption>
                <thead><tr>${r.columns.map((c) => html`<th scope="col" title=${c.type || ""}>${c.name}</th>`)}</tr>
                </thead>
                <tbody>${r.rows.map((row) => html`<tr>${row.map((v) => html`<td>${cell(v)}</td>`)}</tr>`)}</tbody>
              </table>
            </div>` : nothing}`;
        return settingsFrame(this.route, "SQL console", content);
    }

    #keys(e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            this.#run(e);
        }
    }

    async #run(e) {
        e.preventDefault();
        if (this.running || !this.query.trim()) {
            return;
        }
        this.running = true;
        this.errors = {};
        this.failure = "";
        sessionStorage.setItem(LAST_QUERY, this.query);
        try {
            this.result = await api.send("/api/sql", { method: "POST", body: { query: this.query } });
        } catch (err) {
            this.result = null;
            this.errors = fieldErrors(err);
            // SQL errors come as the message (no field): show it under the query, where the mistake is
            this.failure = errorAt(this.errors, "query") ? "" : err.message;
            showError(err, { toast: err.status !== 400 });
        } finally {
            this.running = false;
        }
    }
}
customElements.define("lk-sql-console-page", SqlConsolePage);

function cell(value) {
    if (value === null) {
        return html`<span class="muted">NULL</span>`;
    }
    const text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return text.length > 300 ? text.slice(0, 297) + "…" : text;
}

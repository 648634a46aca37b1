// #/logs: the request and server logs — a chart per hour, a filtered list paged by "Load older", the detail of
// one entry (#/logs?logId=…, a link to share) and the log settings. The search box takes the filter language
// (data.status >= 400, level > 0 …) or plain words.

import { html, nothing } from "lit";
import { LkElement } from "../../core/element.js";
import { api } from "../../core/api.js";
import { errorAt, fieldErrors, showError } from "../../core/errors.js";
import { hrefOf, navigate } from "../../core/router.js";
import { checkboxField, field } from "../../ui/field.js";
import { dialogAlert, failureOf } from "../../ui/dialog.js";
import { toast } from "../../ui/toasts.js";
import { formatDate } from "../../ui/format.js";
import "./chart.js";
import { LEVELS, WITHOUT_SUPERUSERS, allOf, apiDate, levelOf, searchFilter } from "./query.js";

const PER_PAGE = 50;
const SUPERUSERS_KEY = "locketLogsWithSuperusers";
/** The data keys shown first in the detail, in this order; the others follow. */
const FIRST_KEYS = ["type", "status", "execTime", "method", "url", "auth", "authId", "userIP", "remoteIP", "referer",
    "userAgent", "error", "details"];

class LogsPage extends LkElement {
    static properties = {
        route: { attribute: false },
        search: { state: true },
        filter: { state: true },
        withSuperusers: { state: true },
        zoom: { state: true },
        logs: { state: true },
        listLoading: { state: true },
        canLoadMore: { state: true },
        filterError: { state: true },
        stats: { state: true },
        chartLoading: { state: true },
        active: { state: true },
        settings: { state: true },
    };

    constructor() {
        super();
        this.search = "";
        this.filter = "";
        this.withSuperusers = localStorage.getItem(SUPERUSERS_KEY) === "1";
        this.zoom = null;
        this.logs = [];
        this.page = 1;
        this.listLoading = false;
        this.canLoadMore = false;
        this.filterError = "";
        this.stats = [];
        this.chartLoading = false;
        this.active = null;
        this.settings = null;
        this.loads = 0;
    }

    willUpdate(changed) {
        if (changed.has("route")) {
            const q = this.route?.query || {};
            const filter = q.filter || "";
            if (!this.started || filter !== this.filter) {
                this.started = true;
                this.filter = filter;
                this.search = filter;
                this.zoom = null;
                this.refresh();
            }
            const logId = q.logId || "";
            if (logId && this.active?.id !== logId) {
                this.#openLog(logId);
            } else if (!logId && this.active) {
                this.active = null;
            }
        }
    }

    /** The filter parts every request shares (the chart ignores the zoom, the list does not). */
    #baseParts() {
        return [this.withSuperusers ? "" : WITHOUT_SUPERUSERS, searchFilter(this.filter)];
    }

    refresh() {
        this.loadList(true);
        this.loadStats();
    }

    async loadList(reset) {
        const ticket = ++this.loads;
        this.listLoading = true;
        if (reset) {
            this.page = 1;
            // newer logs must not push the ones already listed onto later pages
            this.loadStart = apiDate(Date.now());
        }
        const parts = this.#baseParts();
        if (this.zoom) {
            parts.push(`created >= "${apiDate(Math.floor(this.zoom.min / 60_000) * 60_000)}" && created <= "${
                apiDate(Math.ceil(this.zoom.max / 60_000) * 60_000 - 1)}"`);
        } else {
            parts.push(`created <= "${this.loadStart}"`);
        }
        try {
            const list = await api.send("/api/logs", { query: { page: this.page, perPage: PER_PAGE, skipTotal: 1,
                sort: "-@rowid", filter: allOf(parts) } });
            if (ticket !== this.loads) {
                return;
            }
            const items = list?.items || [];
            this.logs = reset ? items : [...this.logs, ...items.filter((i) => !this.logs.some((l) => l.id === i.id))];
            this.canLoadMore = items.length >= PER_PAGE;
            this.filterError = "";
        } catch (err) {
            if (ticket !== this.loads) {
                return;
            }
            if (err.status === 400) {
                // a filter the server cannot read: say so next to the search box
                this.filterError = err.message;
                this.logs = [];
                this.canLoadMore = false;
            } else {
                showError(err);
            }
        } finally {
            if (ticket === this.loads) {
                this.listLoading = false;
            }
        }
    }

    async loadMore() {
        this.page++;
        await this.loadList(false);
    }

    async loadStats() {
        this.chartLoading = true;
        try {
            this.stats = (await api.send("/api/logs/stats", { query: { filter: allOf(this.#baseParts()) } })) || [];
        } catch (err) {
            // the list reports a bad filter; the chart just empties
            this.stats = [];
            if (err.status !== 400) {
                showError(err);
            }
        } finally {
            this.chartLoading = false;
        }
    }

    #setQuery(changes) {
        const q = { filter: this.filter, logId: this.active?.id, ...changes };
        navigate(hrefOf("#/logs", q), { replace: true });
    }

    #submitSearch(e) {
        e.preventDefault();
        const text = this.search.trim();
        if (text === this.filter) {
            this.zoom = null;
            this.refresh();
        } else {
            this.#setQuery({ filter: text, logId: undefined });
        }
    }

    #toggleSuperusers(on) {
        this.withSuperusers = on;
        localStorage.setItem(SUPERUSERS_KEY, on ? "1" : "0");
        this.zoom = null;
        this.refresh();
    }

    render() {
        return html`
          <header class="page-header">
            <h1>Logs</h1>
            <div class="row">
              <button type="button" id="logs-open-settings" class="btn" @click=${() => this.#openSettings()}>
                Log settings</button>
              <button type="button" id="logs-refresh" class="btn" ?disabled=${this.listLoading}
                      @click=${() => this.refresh()}>
                Refresh</button>
            </div>
          </header>
          <form class="logs-search" role="search" @submit=${(e) => this.#submitSearch(e)}>
            <div class="grow">
              ${field({ id: "logs-search", label: "Search or filter", type: "search", value: this.search,
                  placeholder: "e.g. data.status >= 400 or a word", error: this.filterError,
                  help: html`Plain words search the level, message and data; or write a filter such as
                    <code>level &gt; 0 &amp;&amp; data.method = 'POST'</code>.`,
                  oninput: (e) => (this.search = e.target.value) })}
            </div>
            <button type="submit" class="btn primary">Search</button>
            ${this.filter ? html`<button type="button" class="btn ghost"
                @click=${() => { this.search = ""; this.#setQuery({ filter: "", logId: undefined }); }}>Clear</button>`
                : nothing}
          </form>
          ${checkboxField({ id: "logs-superusers", label: "Include requests by superusers (this dashboard's own)",
              checked: this.withSuperusers, onchange: (e) => this.#toggleSuperusers(e.target.checked) })}
          <lk-logs-chart .stats=${this.stats} .zoom=${this.zoom} ?loading=${this.chartLoading}
              @lk-zoom=${(e) => { this.zoom = e.detail; this.loadList(true); }}></lk-logs-chart>
          ${this.#table()}
          ${this.#detailDialog()}
          ${this.#settingsDialog()}`;
    }

    #table() {
        return html`
          <div class="table-wrap logs-list" aria-busy=${this.listLoading ? "true" : "false"}>
            <table class="table">
              <caption class="sr-only">Logs, newest first</caption>
              <thead><tr><th scope="col">Level</th><th scope="col">Message</th><th scope="col">Created</th></tr></thead>
              <tbody>
                ${this.logs.length === 0 ? html`<tr><td colspan="3" class="muted">${this.listLoading ? "Loading…"
                    : this.zoom ? "No logs in this range." : "No logs found."}</td></tr>` : nothing}
                ${this.logs.map((log) => html`<tr data-id=${log.id}>
                  <td>${levelBadge(log.level)}</td>
                  <td class="log-message">
                    <button type="button" class="btn link" @click=${() => this.#setQuery({ logId: log.id })}>
                      ${truncate(log.message, 300) || "(no message)"}</button>
                    <div class="log-labels">${previewLabels(log).map((l) => html`<span class="badge ${l.kind}">
                      ${l.text}</span>`)}</div>
                  </td>
                  <td class="nowrap">${formatDate(log.created)}</td>
                </tr>`)}
              </tbody>
            </table>
          </div>
          ${this.canLoadMore ? html`<div class="center load-more"><button type="button" class="btn"
              ?disabled=${this.listLoading} aria-busy=${this.listLoading ? "true" : "false"}
              @click=${() => this.loadMore()}>Load older</button></div>` : nothing}`;
    }

    // ---- one entry ----

    async #openLog(id) {
        const known = this.logs.find((l) => l.id === id);
        if (known) {
            this.active = known;
            return;
        }
        this.active = { id, loading: true };
        try {
            const log = await api.send(`/api/logs/${encodeURIComponent(id)}`);
            if (this.active?.id === id) {
                this.active = log;
            }
        } catch (err) {
            showError(err);
            this.#setQuery({ logId: undefined });
        }
    }

    #detailDialog() {
        const log = this.active;
        const body = log && !log.loading ? html`
          <table class="table log-detail">
            <caption class="sr-only">Log entry ${log.id}</caption>
            <tbody>
              <tr><th scope="row">id</th><td><code>${log.id}</code></td></tr>
              <tr><th scope="row">level</th><td>${levelBadge(log.level)}</td></tr>
              <tr><th scope="row">created</th><td>${formatDate(log.created)} <span class="muted">(${log.created})</span>
                </td></tr>
              <tr><th scope="row">message</th><td>${log.message}</td></tr>
              ${dataKeys(log).map((key) => html`<tr><th scope="row">data.${key}</th><td>${dataValue(log, key)}</td></tr>`)}
            </tbody>
          </table>` : html`<p aria-busy="true"><span class="spinner" aria-hidden="true"></span> Loading…</p>`;
        return html`<lk-dialog size="lg" heading="Log entry" .open=${!!log}
            @lk-close=${() => this.#setQuery({ logId: undefined })}
            .body=${log ? body : nothing}
            .footer=${html`
              <button type="button" class="btn ghost" @click=${() => this.#setQuery({ logId: undefined })}>Close</button>
              <button type="button" class="btn" ?disabled=${!log || log.loading} @click=${() => this.#copy(log)}>
                Copy JSON</button>
              <button type="button" class="btn primary" ?disabled=${!log || log.loading}
                      @click=${() => this.#download(log)}>Download JSON</button>`}></lk-dialog>`;
    }

    async #copy(log) {
        try {
            await navigator.clipboard.writeText(JSON.stringify(log, null, 2));
            toast.success("Copied the log entry.");
        } catch {
            toast.error("The browser did not allow copying; use Download JSON.");
        }
    }

    #download(log) {
        const url = URL.createObjectURL(new Blob([JSON.stringify(log, null, 2)], { type: "application/json" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = "log_" + String(log.created).replace(/[-:. ]/g, "") + ".json";
        a.hidden = true;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    }

    // ---- log settings ----

    async #openSettings() {
        try {
            const settings = await api.send("/api/settings", { query: { fields: "logs" } });
            this.settings = { form: { ...settings.logs }, raw: {}, errors: {}, saving: false };
        } catch (err) {
            showError(err);
        }
    }

    #settingsDialog() {
        const s = this.settings;
        const set = (key, value, raw) => {
            this.settings = { ...s, form: { ...s.form, [key]: value }, raw: { ...s.raw, [key]: raw } };
        };
        const number = (key, label, o = {}) => field({ id: "logs-settings-" + key, label, type: "number", step: 1,
            inputmode: "numeric", ...o, value: s.raw[key] ?? String(s.form[key] ?? 0), error: errorAt(s.errors, "logs." + key),
            oninput: (e) => set(key, e.target.value === "" ? 0 : Math.trunc(Number(e.target.value)) || 0, e.target.value) });
        const body = s ? html`
          <form id="logs-settings-form" class="stack" @submit=${(e) => this.#saveSettings(e)} novalidate>
            ${dialogAlert(s.failure)}
            ${number("maxDays", "Keep logs for (days)", { min: 0, help: "0 turns storing logs off." })}
            ${number("minLevel", "Minimum level", { min: -100, max: 100,
                help: html`Lower levels are not stored. ${LEVELS.map((l) => html`<code>${l.level}</code> ${l.label} `)}` })}
            ${checkboxField({ id: "logs-settings-logIP", label: "Log the client IP", checked: s.form.logIP,
                error: errorAt(s.errors, "logs.logIP"), onchange: (e) => set("logIP", e.target.checked) })}
            ${checkboxField({ id: "logs-settings-logAuthId", label: "Log the id of the signed-in record",
                checked: s.form.logAuthId, error: errorAt(s.errors, "logs.logAuthId"),
                onchange: (e) => set("logAuthId", e.target.checked) })}
          </form>` : nothing;
        return html`<lk-dialog size="sm" heading="Log settings" .open=${!!s}
            @lk-close=${() => { if (!s?.saving) this.settings = null; }}
            .body=${body}
            .footer=${html`
              <button type="button" class="btn ghost" ?disabled=${!!s?.saving} @click=${() => (this.settings = null)}>
                Cancel</button>
              <button type="submit" form="logs-settings-form" class="btn primary" ?disabled=${!!s?.saving}
                      aria-busy=${s?.saving ? "true" : "false"}>Save</button>`}></lk-dialog>`;
    }

    async #saveSettings(e) {
        e.preventDefault();
        const s = this.settings;
        if (!s || s.saving) {
            return;
        }
        this.settings = { ...s, saving: true };
        try {
            await api.send("/api/settings", { method: "PATCH", body: { logs: s.form } });
            toast.clear();
            toast.success("Log settings saved.");
            this.settings = null;
            this.refresh();
        } catch (err) {
            this.settings = { ...s, saving: false, errors: fieldErrors(err), failure: failureOf(err) };
            showError(err);
        }
    }
}
customElements.define("lk-logs-page", LogsPage);

function levelBadge(level) {
    const l = levelOf(level);
    return html`<span class="badge level-${l.kind}">${l.label}${l.exact ? "" : ` (${level})`}</span>`;
}

function truncate(text, max) {
    const s = String(text ?? "");
    return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

/** A few data values under the message: the request's essentials, an error first. */
function previewLabels(log) {
    const d = log.data || {};
    const out = [];
    if (d.error) {
        out.push({ text: "error: " + truncate(display(d.error), 80), kind: "danger" });
    }
    const keys = d.type === "request" ? ["status", "execTime", "auth", "userIP"]
        : Object.keys(d).filter((k) => k !== "error" && k !== "details").slice(0, 4);
    for (const key of keys) {
        if (d[key] !== undefined && d[key] !== "") {
            out.push({ text: `${key}: ${key === "execTime" ? formatMs(d[key]) : truncate(display(d[key]), 60)}`,
                kind: key === "status" && d[key] >= 400 ? "warning" : "" });
        }
    }
    if (d.details) {
        out.push({ text: "details: " + truncate(display(d.details), 80), kind: "warning" });
    }
    return out;
}

function dataKeys(log) {
    const keys = Object.keys(log.data || {});
    return [...FIRST_KEYS.filter((k) => keys.includes(k)), ...keys.filter((k) => !FIRST_KEYS.includes(k))];
}

function dataValue(log, key) {
    const v = log.data[key];
    if (v === null || v === undefined || v === "") {
        return html`<span class="muted">—</span>`;
    }
    if (key === "execTime") {
        return formatMs(v);
    }
    if (typeof v === "object") {
        return html`<pre><code>${JSON.stringify(v, null, 2)}</code></pre>`;
    }
    return html`<span class=${key === "error" ? "log-error" : ""}>${String(v)}</span>`;
}

function display(v) {
    return typeof v === "object" ? JSON.stringify(v) : String(v);
}

function formatMs(v) {
    const n = Number(v);
    return Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : Math.round(n)) + " ms" : String(v);
}

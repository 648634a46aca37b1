// #/settings: the application's name and URL, batch requests, trusted proxy, rate limits and superuser IPs.

import { html, nothing } from "lit";
import { api } from "../../core/api.js";
import { errorAt } from "../../core/errors.js";
import { session } from "../../core/session.js";
import { field, selectField } from "../../ui/field.js";
import { confirmDialog } from "../../ui/dialog.js";
import { loadingBlock, settingsFrame } from "./frame.js";
import { SettingsForm } from "./settings-form.js";

const AUDIENCES = [
    { value: "", label: "Everyone" },
    { value: "@guest", label: "Guests only" },
    { value: "@auth", label: "Signed-in only" },
];

class ApplicationSettingsPage extends SettingsForm {
    static keys = ["meta", "batch", "trustedProxy", "rateLimits", "superuserIPs"];
    static idPrefix = "app";

    constructor() {
        super();
        this.savedMessage = "Application settings saved.";
        this.health = null;
    }

    prepare(form) {
        if (!Array.isArray(form.superuserIPs)) {
            form.superuserIPs = [];
        }
        form.trustedProxy.headers ||= [];
        form.rateLimits.rules ||= [];
        form.rateLimits.excludedIPs ||= [];
    }

    async load() {
        await super.load();
        try {
            // what the server sees of this request: the IP and a header that looks like a proxy's
            const health = await api.health();
            this.health = health?.data || null;
            this.requestUpdate();
        } catch {
            // only a hint
        }
    }

    async save(e) {
        e?.preventDefault();
        const before = JSON.parse(this.initial).superuserIPs || [];
        const after = this.form?.superuserIPs || [];
        const ipsChanged = JSON.stringify(before) !== JSON.stringify(after);
        if (ipsChanged && after.length && this.hasChanges && !this.saving) {
            const ok = await confirmDialog({
                heading: "Restrict superuser access?",
                message: `Only requests from ${after.join(", ")} will be allowed to act as a superuser. Make sure your `
                    + `own address${this.health?.realIP ? ` (${this.health.realIP})` : ""} is covered, or you will be `
                    + "locked out of the dashboard.",
                confirmText: "Save and restrict",
                danger: true,
            });
            if (!ok) {
                return null;
            }
        }
        const saved = await super.save();
        if (saved && ipsChanged) {
            // the token may no longer be accepted from here
            try {
                await api.collection("_superusers").authRefresh();
            } catch {
                api.authStore.clear();
            }
        }
        return saved;
    }

    afterSave(saved) {
        // the shell shows the app name
        session.appName = saved?.meta?.appName || "";
        session.setTitle(this.route?.title);
        session.changed();
    }

    render() {
        const content = this.loading || !this.form ? loadingBlock() : html`
          <form class="stack settings-form" @submit=${(e) => this.save(e)} novalidate>
            <section class="card stack" aria-labelledby="app-general">
              <h2 id="app-general">General</h2>
              <div class="form-grid">
                ${this.text("meta.appName", { label: "Application name", required: true })}
                ${this.text("meta.appURL", { label: "Application URL", required: true,
                    help: "Used in the links of mails." })}
              </div>
              ${this.check("meta.hideControls", { label: "Hide collection create and edit controls",
                  help: "Guards a production dashboard against accidental schema changes." })}
            </section>

            <section class="card stack" aria-labelledby="app-batch">
              <h2 id="app-batch">Batch requests</h2>
              ${this.check("batch.enabled", { label: "Enable the batch API (/api/batch)" })}
              <div class="form-grid">
                ${this.number("batch.maxRequests", { label: "Max requests in a batch", min: 0 })}
                ${this.number("batch.timeout", { label: "Timeout (seconds)", min: 0 })}
                ${this.number("batch.maxBodySize", { label: "Max body size (bytes)", min: 0,
                    help: "0 uses the default (128 MB)." })}
              </div>
            </section>

            <section class="card stack" aria-labelledby="app-proxy">
              <h2 id="app-proxy">Trusted proxy</h2>
              <p class="muted">Behind a reverse proxy, the client's IP comes from a header the proxy sets. Only list
                headers your proxy always overwrites.</p>
              ${this.health ? html`<p class="field-help" id="app-proxy-info">The server sees your IP as
                <code>${this.health.realIP || "unknown"}</code>${this.health.possibleProxyHeader ? html`; this request
                came with <code>${this.health.possibleProxyHeader}</code>, so there may be a proxy in front`
                : nothing}.</p>` : nothing}
              <div class="form-grid">
                ${this.list("trustedProxy.headers", { label: "Client IP headers",
                    placeholder: "e.g. X-Forwarded-For, CF-Connecting-IP" })}
                ${this.choice("trustedProxy.useLeftmostIP", { label: "Which IP of the header",
                    options: [{ value: "false", label: "Rightmost (the one the proxy added)" },
                        { value: "true", label: "Leftmost (the original client)" }],
                    parse: (v) => v === "true" })}
              </div>
            </section>

            <section class="card stack" aria-labelledby="app-limits">
              <h2 id="app-limits">Rate limits</h2>
              ${this.check("rateLimits.enabled", { label: "Enable rate limiting" })}
              ${this.#rules()}
              ${this.list("rateLimits.excludedIPs", { label: "Excluded IPs or subnets",
                  placeholder: "e.g. 10.0.0.0/8" })}
            </section>

            <section class="card stack" aria-labelledby="app-superusers">
              <h2 id="app-superusers">Superuser access</h2>
              ${this.list("superuserIPs", { label: "Allowed superuser IPs or subnets",
                  placeholder: "Empty: no restriction",
                  help: "Separate values with commas. Superuser requests from other addresses are refused." })}
            </section>
            ${this.formActions()}
          </form>`;
        return settingsFrame(this.route, "Application", content);
    }

    #rules() {
        const rules = this.form.rateLimits.rules;
        const update = (i, key, value) => {
            rules[i] = { ...rules[i], [key]: value };
            this.requestUpdate();
        };
        // numbers keep what is typed (an emptied input) until it is a number again
        const num = (i, key) => this.raw[`rule-${i}-${key}`] ?? String(rules[i][key] ?? "");
        const setNum = (i, key, text) => {
            this.raw[`rule-${i}-${key}`] = text;
            if (text !== "" && Number.isFinite(Number(text))) {
                update(i, key, Math.trunc(Number(text)));
            }
        };
        const remove = (i) => {
            rules.splice(i, 1);
            this.raw = Object.fromEntries(Object.entries(this.raw).filter(([k]) => !k.startsWith("rule-")));
            this.requestUpdate();
        };
        const err = (i, key) => errorAt(this.errors, `rateLimits.rules.${i}.${key}`);
        return html`
          <div class="table-wrap">
            <table class="table rules-table">
              <caption class="sr-only">Rate limit rules</caption>
              <thead><tr><th scope="col">Label (tag or path)</th><th scope="col">Audience</th>
                <th scope="col">Max requests</th><th scope="col">Interval (s)</th><th scope="col"><span
                class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                ${rules.length === 0 ? html`<tr><td colspan="5" class="muted">No rules.</td></tr>` : nothing}
                ${rules.map((r, i) => html`<tr>
                  <td>${field({ id: `app-rule-${i}-label`, label: `Rule ${i + 1} label`, value: r.label,
                      placeholder: "users:create or /api/", error: err(i, "label"),
                      oninput: (e) => update(i, "label", e.target.value) })}</td>
                  <td>${selectField({ id: `app-rule-${i}-audience`, label: `Rule ${i + 1} audience`,
                      value: r.audience || "", options: AUDIENCES, error: err(i, "audience"),
                      onchange: (e) => update(i, "audience", e.target.value) })}</td>
                  <td>${field({ id: `app-rule-${i}-max`, label: `Rule ${i + 1} max requests`, type: "number",
                      min: 1, step: 1, value: num(i, "maxRequests"), error: err(i, "maxRequests"),
                      oninput: (e) => setNum(i, "maxRequests", e.target.value) })}</td>
                  <td>${field({ id: `app-rule-${i}-duration`, label: `Rule ${i + 1} interval in seconds`,
                      type: "number", min: 1, step: 1, value: num(i, "duration"), error: err(i, "duration"),
                      oninput: (e) => setNum(i, "duration", e.target.value) })}</td>
                  <td><button type="button" class="btn ghost sm" aria-label="Remove rule ${i + 1}"
                      @click=${() => remove(i)}>Remove</button></td>
                </tr>`)}
              </tbody>
            </table>
          </div>
          <div><button type="button" id="app-add-rule" class="btn sm" @click=${() => {
              rules.push({ label: "", audience: "", maxRequests: 300, duration: 10 });
              this.requestUpdate();
          }}>Add rule</button></div>
          ${errorAt(this.errors, "rateLimits.rules") ? html`<p class="field-error">
            ${errorAt(this.errors, "rateLimits.rules")}</p>` : nothing}`;
    }
}
customElements.define("lk-application-settings-page", ApplicationSettingsPage);

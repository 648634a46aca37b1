// The options tab of an auth collection: password sign-in and its identity fields, OAuth2 providers (client id
// and secret; the provider list comes from GET /api/collections/meta/oauth2-providers), one-time passwords,
// MFA, token lifetimes and the mail templates. Option names are the API's.

import { html, nothing } from "lit";
import { checkboxField, field, passwordField, selectField, textareaField } from "../../ui/field.js";
import "./rule-input.js";

/**
 * `ctx`: { c (the draft collection), set(path, value), error(path) → message, providers ([{name, displayName,
 * logo}]), suggestions (rule autocomplete) }.
 */
export function authOptions(ctx) {
    const c = ctx.c;
    const fields = c.fields.filter((f) => !f._removed);
    return html`
      <div class="stack">
        ${section("Password sign-in", c.passwordAuth?.enabled, passwordAuth(ctx, fields))}
        ${section("OAuth2", c.oauth2?.enabled, oauth2(ctx, fields), ctx.error("oauth2"))}
        ${section("One-time password (OTP)", c.otp?.enabled, otp(ctx), ctx.error("otp"))}
        ${section("Multi-factor authentication (MFA)", c.mfa?.enabled, mfa(ctx), ctx.error("mfa"))}
        ${section("Token lifetimes", null, tokens(ctx))}
        ${section("Mail templates", null, templates(ctx))}
      </div>`;
}

function section(title, enabled, body, hasError) {
    return html`
      <details class="accordion" ?open=${!!hasError}>
        <summary>
          <span>${title}</span>
          ${enabled === null ? nothing : html`<span class="badge ${enabled ? "on" : ""}">${enabled ? "Enabled" : "Off"}</span>`}
        </summary>
        <div class="accordion-body stack">${body}</div>
      </details>`;
}

function enabledBox(ctx, path, label) {
    const [group] = path.split(".");
    return checkboxField({ id: "c-" + path.replace(/\./g, "-"), label, checked: !!ctx.c[group]?.enabled,
        error: ctx.error(path), onchange: (e) => ctx.set(path, e.target.checked) });
}

function seconds(ctx, path, label, help) {
    const value = path.split(".").reduce((o, k) => o?.[k], ctx.c);
    return field({ id: "c-" + path.replace(/\./g, "-"), label, type: "number", min: 0, value: value ?? 0, help,
        error: ctx.error(path), onchange: (e) => ctx.set(path, Number(e.target.value) || 0) });
}

function passwordAuth(ctx, fields) {
    const identity = new Set(ctx.c.passwordAuth?.identityFields || []);
    const candidates = fields.filter((f) => ["text", "email", "number", "url"].includes(f.type) && f.name !== "id" && !f.hidden);
    const toggle = (name, on) => ctx.set("passwordAuth.identityFields",
        on ? [...identity, name] : [...identity].filter((n) => n !== name));
    return html`
      ${enabledBox(ctx, "passwordAuth.enabled", "Enable sign-in with identity and password")}
      <fieldset class="choices">
        <legend>Identity fields</legend>
        <p class="field-help">Each needs a unique index (the email field has one).</p>
        ${candidates.map((f) => checkboxField({ id: "c-identity-" + f.name, label: f.name, checked: identity.has(f.name),
            onchange: (e) => toggle(f.name, e.target.checked) }))}
        ${ctx.error("passwordAuth.identityFields") ? html`<p class="field-error">${ctx.error("passwordAuth.identityFields")}</p>` : nothing}
      </fieldset>`;
}

function oauth2(ctx, fields) {
    const configured = ctx.c.oauth2?.providers || [];
    const known = ctx.providers || [];
    const available = known.filter((p) => !configured.some((c) => c.name === p.name));
    const setProvider = (i, patch) => ctx.set("oauth2.providers", configured.map((p, j) => (j === i ? { ...p, ...patch } : p)));
    const mapped = ctx.c.oauth2?.mappedFields || {};
    const fieldChoices = [{ value: "", label: "Not mapped" }, ...fields.filter((f) => !f.system || f.name === "email")
        .map((f) => ({ value: f.name, label: f.name }))];
    return html`
      ${enabledBox(ctx, "oauth2.enabled", "Enable sign-in with OAuth2 providers")}
      <ul class="provider-list">
        ${configured.map((p, i) => {
            const info = known.find((k) => k.name === p.name);
            const id = "c-oauth2-" + i;
            const err = (k) => ctx.error(`oauth2.providers.${i}.${k}`);
            return html`
              <li class="provider card">
                <div class="row">
                  <strong class="grow">${info?.displayName || p.displayName || p.name}</strong>
                  <button type="button" class="btn sm ghost" @click=${() => ctx.set("oauth2.providers",
                      configured.filter((_, j) => j !== i))}>Remove ${info?.displayName || p.name}</button>
                </div>
                <div class="form-grid">
                  ${field({ id: id + "-clientId", label: "Client ID", value: p.clientId, required: true, error: err("clientId"),
                      oninput: (e) => setProvider(i, { clientId: e.target.value }) })}
                  ${passwordField({ id: id + "-clientSecret", label: "Client secret", value: p.clientSecret, autocomplete: "off",
                      error: err("clientSecret"), help: p.clientSecret === undefined ? "Leave empty to keep the stored secret." : undefined,
                      oninput: (e) => setProvider(i, { clientSecret: e.target.value }) })}
                </div>
                <details class="advanced" ?open=${!!(err("authURL") || err("tokenURL") || err("userInfoURL") || err("displayName"))}>
                  <summary>Endpoints and display (self-hosted and OpenID Connect providers)</summary>
                  <div class="form-grid">
                    ${field({ id: id + "-displayName", label: "Display name", value: p.displayName, error: err("displayName"),
                        oninput: (e) => setProvider(i, { displayName: e.target.value }) })}
                    ${field({ id: id + "-authURL", label: "Auth URL", type: "url", value: p.authURL, error: err("authURL"),
                        oninput: (e) => setProvider(i, { authURL: e.target.value }) })}
                    ${field({ id: id + "-tokenURL", label: "Token URL", type: "url", value: p.tokenURL, error: err("tokenURL"),
                        oninput: (e) => setProvider(i, { tokenURL: e.target.value }) })}
                    ${field({ id: id + "-userInfoURL", label: "User info URL", type: "url", value: p.userInfoURL,
                        error: err("userInfoURL"), oninput: (e) => setProvider(i, { userInfoURL: e.target.value }) })}
                    ${selectField({ id: id + "-pkce", label: "PKCE", value: p.pkce === true ? "on" : p.pkce === false ? "off" : "",
                        options: [{ value: "", label: "Provider default" }, { value: "on", label: "On" }, { value: "off", label: "Off" }],
                        onchange: (e) => setProvider(i, { pkce: e.target.value === "" ? null : e.target.value === "on" }) })}
                  </div>
                </details>
              </li>`;
        })}
      </ul>
      ${available.length ? html`
        <div class="row">
          ${selectField({ id: "c-oauth2-add", label: "Add a provider", value: "",
              options: [{ value: "", label: "Choose a provider" }, ...available.map((p) => ({ value: p.name, label: p.displayName }))],
              onchange: (e) => {
                  const name = e.target.value;
                  e.target.value = "";
                  if (name) {
                      ctx.set("oauth2.providers", [...configured, { name, clientId: "", clientSecret: "" }]);
                  }
              } })}
        </div>` : nothing}
      <fieldset class="choices">
        <legend>Fields filled from the provider's user data</legend>
        <div class="form-grid">
          ${["name", "username", "avatarURL", "id"].map((k) => selectField({ id: "c-oauth2-map-" + k,
              label: { name: "Name", username: "Username", avatarURL: "Avatar (URL or file field)", id: "Provider user id" }[k],
              value: mapped[k] || "", options: fieldChoices,
              onchange: (e) => ctx.set("oauth2.mappedFields", { ...mapped, [k]: e.target.value }) }))}
        </div>
      </fieldset>`;
}

function otp(ctx) {
    return html`
      ${enabledBox(ctx, "otp.enabled", "Enable sign-in with a one-time password sent by mail")}
      <div class="form-grid">
        ${seconds(ctx, "otp.duration", "Valid for (seconds)")}
        ${field({ id: "c-otp-length", label: "Length", type: "number", min: 4, value: ctx.c.otp?.length ?? 8,
            error: ctx.error("otp.length"), onchange: (e) => ctx.set("otp.length", Number(e.target.value) || 0) })}
      </div>
      ${template(ctx, "otp.emailTemplate", "OTP mail", "{OTP}, {APP_NAME}, {APP_URL}, {RECORD:*}")}`;
}

function mfa(ctx) {
    return html`
      ${enabledBox(ctx, "mfa.enabled", "Require a second factor (any two sign-in methods)")}
      ${seconds(ctx, "mfa.duration", "Time for the second factor (seconds)")}
      <lk-rule-input id="c-mfa-rule" label="Only for records matching (empty: all)" .lockable=${false}
          .value=${ctx.c.mfa?.rule ?? ""} .error=${ctx.error("mfa.rule")} .suggestions=${ctx.suggestions}
          .help=${"A filter on the record signing in."} @lk-change=${(e) => ctx.set("mfa.rule", e.detail.value ?? "")}></lk-rule-input>`;
}

function tokens(ctx) {
    return html`
      <div class="form-grid">
        ${seconds(ctx, "authToken.duration", "Auth token (seconds)")}
        ${seconds(ctx, "verificationToken.duration", "Verification token (seconds)")}
        ${seconds(ctx, "passwordResetToken.duration", "Password reset token (seconds)")}
        ${seconds(ctx, "emailChangeToken.duration", "Email change token (seconds)")}
        ${seconds(ctx, "fileToken.duration", "Protected file token (seconds)")}
      </div>`;
}

function templates(ctx) {
    const placeholders = "{APP_NAME}, {APP_URL}, {TOKEN}, {RECORD:*}";
    return html`
      ${template(ctx, "verificationTemplate", "Verification mail", placeholders)}
      ${template(ctx, "resetPasswordTemplate", "Password reset mail", placeholders)}
      ${template(ctx, "confirmEmailChangeTemplate", "Email change mail", placeholders)}
      ${checkboxField({ id: "c-authAlert-enabled", label: "Send a mail on sign-in from a new location",
          checked: !!ctx.c.authAlert?.enabled, onchange: (e) => ctx.set("authAlert.enabled", e.target.checked) })}
      ${template(ctx, "authAlert.emailTemplate", "New location mail", "{APP_NAME}, {APP_URL}, {ALERT_INFO}, {RECORD:*}")}`;
}

function template(ctx, path, title, placeholders) {
    const t = path.split(".").reduce((o, k) => o?.[k], ctx.c) || {};
    const id = "c-" + path.replace(/\./g, "-");
    return html`
      <fieldset class="template">
        <legend>${title}</legend>
        ${field({ id: id + "-subject", label: "Subject", value: t.subject, error: ctx.error(path + ".subject"),
            oninput: (e) => ctx.set(path + ".subject", e.target.value) })}
        ${textareaField({ id: id + "-body", label: "Body (HTML)", rows: 6, value: t.body, error: ctx.error(path + ".body"),
            help: "Placeholders: " + placeholders, oninput: (e) => ctx.set(path + ".body", e.target.value) })}
      </fieldset>`;
}

// Form fields as template functions: a visible <label for>, the input, optional help, and the server's
// message for that field (data.<field>.message of a 400) right under it, tied by aria-describedby.
//
//   field({ id: "login-email", label: "Email", name: "email", type: "email", value: this.email,
//           error: errorAt(this.errors, "email"), oninput: (e) => (this.email = e.target.value) })
//
// Ids must be unique on the page; prefix them with the page or form name.

import { html, nothing } from "lit";
import { ifDefined } from "lit/directives/if-defined.js";
import { live } from "lit/directives/live.js";

function messageOf(error) {
    if (!error) {
        return "";
    }
    return typeof error === "string" ? error : error.message || "";
}

function describedBy(id, help, error) {
    const ids = [help ? id + "-help" : "", error ? id + "-error" : ""].filter(Boolean).join(" ");
    return ids || undefined;
}

function extras(id, help, error) {
    return html`${help ? html`<p class="field-help" id="${id}-help">${help}</p>` : nothing}${error
        ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}`;
}

/**
 * A labelled input. Options: id, label, name, type ("text"), value, error (string or {message}), help,
 * required, autocomplete, placeholder, autofocus, disabled, min, max, step, minlength, maxlength, pattern,
 * inputmode, oninput, onchange.
 */
export function field(o) {
    const id = o.id || "f-" + o.name;
    const error = messageOf(o.error);
    return html`
      <div class="field ${error ? "invalid" : ""}">
        <label for=${id}>${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
        <input id=${id} name=${ifDefined(o.name)} type=${o.type || "text"} .value=${live(o.value ?? "")}
               ?required=${!!o.required} ?disabled=${!!o.disabled} ?autofocus=${!!o.autofocus}
               autocomplete=${ifDefined(o.autocomplete)} placeholder=${ifDefined(o.placeholder)}
               min=${ifDefined(o.min)} max=${ifDefined(o.max)} step=${ifDefined(o.step)}
               minlength=${ifDefined(o.minlength)} maxlength=${ifDefined(o.maxlength)}
               pattern=${ifDefined(o.pattern)} inputmode=${ifDefined(o.inputmode)}
               aria-invalid=${error ? "true" : "false"} aria-describedby=${ifDefined(describedBy(id, o.help, error))}
               @input=${o.oninput || nothing} @change=${o.onchange || nothing}>
        ${extras(id, o.help, error)}
      </div>`;
}

function toggleReveal(e) {
    const button = e.currentTarget;
    const input = button.closest(".input-group").querySelector("input");
    const reveal = input.type === "password";
    input.type = reveal ? "text" : "password";
    // a toggle button: one name ("Show password"), its state in aria-pressed (styled by app.css)
    button.setAttribute("aria-pressed", String(reveal));
}

/** A password input with a Show/Hide button; same options as field(). */
export function passwordField(o) {
    const id = o.id || "f-" + o.name;
    const error = messageOf(o.error);
    return html`
      <div class="field ${error ? "invalid" : ""}">
        <label for=${id}>${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
        <div class="input-group">
          <input id=${id} name=${ifDefined(o.name)} type="password" .value=${live(o.value ?? "")}
                 ?required=${!!o.required} ?disabled=${!!o.disabled} ?autofocus=${!!o.autofocus}
                 autocomplete=${o.autocomplete || "current-password"} minlength=${ifDefined(o.minlength)}
                 aria-invalid=${error ? "true" : "false"} aria-describedby=${ifDefined(describedBy(id, o.help, error))}
                 @input=${o.oninput || nothing} @change=${o.onchange || nothing}>
          <button type="button" class="btn ghost sm" aria-controls=${id} aria-pressed="false"
                  aria-label="Show ${o.label.toLowerCase()}" @click=${toggleReveal}>Show</button>
        </div>
        ${extras(id, o.help, error)}
      </div>`;
}

/** A labelled checkbox (label after the box); options: id, label, name, checked, error, help, onchange. */
export function checkboxField(o) {
    const id = o.id || "f-" + o.name;
    const error = messageOf(o.error);
    return html`
      <div class="field check ${error ? "invalid" : ""}">
        <input id=${id} name=${ifDefined(o.name)} type="checkbox" .checked=${live(!!o.checked)}
               ?disabled=${!!o.disabled} aria-invalid=${error ? "true" : "false"}
               aria-describedby=${ifDefined(describedBy(id, o.help, error))} @change=${o.onchange || nothing}>
        <label for=${id}>${o.label}</label>
        ${extras(id, o.help, error)}
      </div>`;
}

/** A labelled <textarea>; options as field() plus rows. */
export function textareaField(o) {
    const id = o.id || "f-" + o.name;
    const error = messageOf(o.error);
    return html`
      <div class="field ${error ? "invalid" : ""}">
        <label for=${id}>${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
        <textarea id=${id} name=${ifDefined(o.name)} rows=${o.rows || 4} .value=${live(o.value ?? "")}
                  ?required=${!!o.required} ?disabled=${!!o.disabled} placeholder=${ifDefined(o.placeholder)}
                  aria-invalid=${error ? "true" : "false"} aria-describedby=${ifDefined(describedBy(id, o.help, error))}
                  @input=${o.oninput || nothing} @change=${o.onchange || nothing}></textarea>
        ${extras(id, o.help, error)}
      </div>`;
}

/** A labelled <select>; options as field() plus `options`: [{value, label}]. */
export function selectField(o) {
    const id = o.id || "f-" + o.name;
    const error = messageOf(o.error);
    return html`
      <div class="field ${error ? "invalid" : ""}">
        <label for=${id}>${o.label}${o.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
        <select id=${id} name=${ifDefined(o.name)} ?required=${!!o.required} ?disabled=${!!o.disabled}
                aria-invalid=${error ? "true" : "false"} aria-describedby=${ifDefined(describedBy(id, o.help, error))}
                @change=${o.onchange || nothing}>
          ${(o.options || []).map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>
            ${opt.label ?? opt.value}</option>`)}
        </select>
        ${extras(id, o.help, error)}
      </div>`;
}

/** A submit button that shows it is busy (and ignores clicks) while `busy`. */
export function submitButton(label, { busy = false, kind = "primary", block = true, disabled = false } = {}) {
    return html`<button type="submit" class="btn ${kind} ${block ? "block" : ""}" ?disabled=${busy || disabled}
        aria-busy=${busy ? "true" : "false"}>${label}</button>`;
}

// The input of each field type in the record form. Every input has a visible label tied to it and shows the
// server's message for its field. The editor (record-editor.js) owns the values; `ctx` carries one field:
//
//   { field, id, value, error, set(value), editor (for files, relations and JSON text), isNew }

import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { ifDefined } from "lit/directives/if-defined.js";
import { checkboxField, field, passwordField, selectField } from "../../ui/field.js";
import { fileUrl, fromInputDate, isImage, recordLabel, shortDate, toArray, toInputDate } from "./format.js";
import { collections } from "./store.js";

const multi = (f) => (f.maxSelect || 1) > 1;

function label(f) {
    return f.name;
}

function help(f) {
    return f.help || undefined;
}

export function recordInput(ctx) {
    const f = ctx.field;
    const base = { id: ctx.id, label: label(f), required: !!f.required, error: ctx.error, help: help(f) };
    switch (f.type) {
        case "text":
            if (f.primaryKey) {
                return ctx.isNew ? field({ ...base, required: false, value: ctx.value,
                    placeholder: "Leave empty to generate", help: "Optional; " + (f.min === f.max && f.min ? f.min + " characters" : "a unique id"),
                    oninput: (e) => ctx.set(e.target.value) }) : nothing;
            }
            return field({ ...base, value: ctx.value, maxlength: f.max || undefined,
                placeholder: f.autogeneratePattern ? "Leave empty to generate" : undefined,
                oninput: (e) => ctx.set(e.target.value) });
        case "email":
            return field({ ...base, type: "email", value: ctx.value, oninput: (e) => ctx.set(e.target.value) });
        case "url":
            return field({ ...base, type: "url", value: ctx.value, placeholder: "https://", oninput: (e) => ctx.set(e.target.value) });
        case "number":
            return field({ ...base, type: "number", step: f.onlyInt ? 1 : "any", value: ctx.value ?? "",
                min: f.min ?? undefined, max: f.max ?? undefined,
                // on change, not on input: writing "1." back as 1 while typing would eat the decimal point
                onchange: (e) => ctx.set(e.target.value === "" ? null : Number(e.target.value)) });
        case "bool":
            return checkboxField({ id: ctx.id, label: label(f), checked: !!ctx.value, error: ctx.error, help: help(f),
                onchange: (e) => ctx.set(e.target.checked) });
        case "password":
            return passwordField({ ...base, value: ctx.value, autocomplete: "new-password", required: ctx.isNew && f.required,
                help: ctx.isNew ? help(f) : "Leave empty to keep the current password.", oninput: (e) => ctx.set(e.target.value) });
        case "date":
            return dateInput(ctx, base);
        case "autodate":
            return ctx.isNew ? nothing : html`<div class="field"><span class="label-like">${f.name}</span>
              <span class="readonly">${shortDate(ctx.value) || "—"}</span></div>`;
        case "select":
            return selectInput(ctx, base);
        case "json":
            return jsonInput(ctx, base);
        case "editor":
            return html`<lk-rich-text input-id=${ctx.id} label=${f.name + (f.required ? " *" : "")} .value=${ctx.value || ""}
                .error=${ctx.error} @lk-change=${(e) => ctx.set(e.detail.value)}></lk-rich-text>`;
        case "geoPoint":
            return geoInput(ctx);
        case "file":
            return fileInput(ctx);
        case "relation":
            return relationInput(ctx);
        default:
            return field({ ...base, value: typeof ctx.value === "string" ? ctx.value : JSON.stringify(ctx.value ?? ""),
                oninput: (e) => ctx.set(e.target.value) });
    }
}

function dateInput(ctx, base) {
    return html`
      <div class="date-input">
        ${field({ ...base, label: label(ctx.field) + " (UTC)", type: "datetime-local", step: 1, value: toInputDate(ctx.value),
            onchange: (e) => ctx.set(fromInputDate(e.target.value)) })}
        <div class="row">
          <button type="button" class="btn sm ghost" @click=${() => ctx.set(new Date().toISOString().replace("T", " "))}>
            Now<span class="sr-only"> for ${ctx.field.name}</span></button>
          <button type="button" class="btn sm ghost" @click=${() => ctx.set("")}>Clear<span class="sr-only"> ${ctx.field.name}</span></button>
        </div>
      </div>`;
}

function selectInput(ctx, base) {
    const f = ctx.field;
    if (!multi(f)) {
        return selectField({ ...base, value: ctx.value || "",
            options: [{ value: "", label: "—" }, ...(f.values || []).map((v) => ({ value: v, label: v }))],
            onchange: (e) => ctx.set(e.target.value) });
    }
    const chosen = new Set(toArray(ctx.value));
    return html`
      <fieldset class="choices ${ctx.error ? "invalid" : ""}" aria-describedby=${ifDefined(ctx.error ? ctx.id + "-error" : undefined)}>
        <legend>${f.name}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}
          <span class="muted">(up to ${f.maxSelect})</span></legend>
        <div class="row">
          ${(f.values || []).map((v, i) => checkboxField({ id: ctx.id + "-" + i, label: v, checked: chosen.has(v),
              onchange: (e) => {
                  const now = new Set(toArray(ctx.editor.values[f.name]));
                  ctx.set((f.values || []).filter((x) => (x === v ? e.target.checked : now.has(x))));
              } }))}
        </div>
        ${ctx.error ? html`<p class="field-error" id="${ctx.id}-error">${ctx.error}</p>` : nothing}
      </fieldset>`;
}

function jsonInput(ctx, base) {
    const state = ctx.editor.jsonState(ctx.field.name);
    const error = state.error || ctx.error;
    return html`
      <div class="field ${error ? "invalid" : ""}">
        <label for=${ctx.id}>${ctx.field.name}${ctx.field.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>
        <textarea id=${ctx.id} class="mono" rows="5" spellcheck="false" .value=${live(state.text)}
                  aria-invalid=${error ? "true" : "false"} aria-describedby=${ifDefined(error ? ctx.id + "-error" : undefined)}
                  @input=${(e) => ctx.editor.setJsonText(ctx.field.name, e.target.value)}></textarea>
        <div class="row">
          <button type="button" class="btn sm ghost" ?disabled=${!!state.error || !state.text.trim()}
                  @click=${() => ctx.editor.setJsonText(ctx.field.name, JSON.stringify(JSON.parse(state.text), null, 2))}>
            Format<span class="sr-only"> ${ctx.field.name}</span></button>
          ${state.error ? nothing : html`<span class="muted">${state.text.trim() ? "Valid JSON" : "Empty (null)"}</span>`}
        </div>
        ${error ? html`<p class="field-error" id="${ctx.id}-error">${error}</p>` : nothing}
        ${base.help ? html`<p class="field-help">${base.help}</p>` : nothing}
      </div>`;
}

function geoInput(ctx) {
    const v = ctx.value && typeof ctx.value === "object" ? ctx.value : { lon: 0, lat: 0 };
    // the latest value, not this render's: two changes may come before the next render
    const set = (patch) => {
        const now = ctx.editor.values[ctx.field.name] || {};
        ctx.set({ lon: now.lon ?? 0, lat: now.lat ?? 0, ...patch });
    };
    const num = (s) => (s === "" ? 0 : Number(s));
    return html`
      <fieldset class="choices ${ctx.error ? "invalid" : ""}">
        <legend>${ctx.field.name}${ctx.field.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</legend>
        <div class="form-grid">
          ${field({ id: ctx.id + "-lat", label: "Latitude", type: "number", step: "any", min: -90, max: 90, value: v.lat,
              onchange: (e) => set({ lat: num(e.target.value) }) })}
          ${field({ id: ctx.id + "-lon", label: "Longitude", type: "number", step: "any", min: -180, max: 180, value: v.lon,
              onchange: (e) => set({ lon: num(e.target.value) }) })}
        </div>
        <a href="https://www.openstreetmap.org/?mlat=${v.lat}&mlon=${v.lon}#map=14/${v.lat}/${v.lon}" target="_blank"
           rel="noopener noreferrer">Show on OpenStreetMap</a>
        ${ctx.error ? html`<p class="field-error">${ctx.error}</p>` : nothing}
      </fieldset>`;
}

function fileInput(ctx) {
    const f = ctx.field;
    const state = ctx.editor.fileState(f.name);
    const record = ctx.editor.record;
    const max = f.maxSelect || 1;
    const count = state.existing.filter((n) => !state.removed.has(n)).length + state.added.length;
    const token = ctx.editor.fileToken;
    return html`
      <fieldset class="choices files ${ctx.error ? "invalid" : ""}">
        <legend>${f.name}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}
          <span class="muted">(${max > 1 ? "up to " + max + " files" : "one file"})</span></legend>
        <ul class="file-list">
          ${state.existing.map((name) => {
              const removed = state.removed.has(name);
              const url = fileUrl(record, name, { token: f.protected ? token : undefined });
              return html`<li class=${removed ? "removed" : ""}>
                ${isImage(name) ? html`<img class="thumb" alt="" loading="lazy"
                    src=${fileUrl(record, name, { thumb: "100x100", token: f.protected ? token : undefined })}>`
                    : html`<span class="thumb file-glyph" aria-hidden="true">▤</span>`}
                <a href=${url} target="_blank" rel="noopener" class="file-name">${name}</a>
                ${removed ? html`<span class="badge">removed on save</span>` : nothing}
                <button type="button" class="btn sm ghost" @click=${() => ctx.editor.toggleRemoveFile(f.name, name)}>
                  ${removed ? "Restore" : "Remove"}<span class="sr-only"> ${name}</span></button>
              </li>`;
          })}
          ${state.added.map((file, i) => html`<li class="added">
            ${file.type.startsWith("image/") ? html`<img class="thumb" alt="" src=${ctx.editor.previewUrl(file)}>`
                : html`<span class="thumb file-glyph" aria-hidden="true">▤</span>`}
            <span class="file-name">${file.name}</span><span class="badge on">new</span>
            <button type="button" class="btn sm ghost" @click=${() => ctx.editor.dropNewFile(f.name, i)}>
              Remove<span class="sr-only"> ${file.name}</span></button>
          </li>`)}
        </ul>
        <label class="btn sm file-button" for=${ctx.id}>${count && max === 1 ? "Replace file" : "Upload file"}
          <span class="sr-only"> for ${f.name}</span></label>
        <input id=${ctx.id} class="visually-hidden-file" type="file" ?multiple=${max > 1}
               accept=${ifDefined((f.mimeTypes || []).length ? f.mimeTypes.join(",") : undefined)}
               @change=${(e) => { ctx.editor.addFiles(f.name, [...e.target.files]); e.target.value = ""; }}>
        ${ctx.error ? html`<p class="field-error">${ctx.error}</p>` : nothing}
        ${f.help ? html`<p class="field-help">${f.help}</p>` : nothing}
      </fieldset>`;
}

function relationInput(ctx) {
    const f = ctx.field;
    const target = collections.find(f.collectionId);
    const ids = toArray(ctx.value);
    const known = ctx.editor.relationRecords;
    return html`
      <fieldset class="choices relation ${ctx.error ? "invalid" : ""}">
        <legend>${f.name}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}
          <span class="muted">(${target?.name || "unknown collection"}${multi(f) ? ", up to " + f.maxSelect : ""})</span></legend>
        <ul class="chips">
          ${ids.map((rid) => html`<li class="chip">
            <span>${recordLabel(known.get(rid), target) || rid}</span>
            <button type="button" class="btn sm ghost icon" aria-label="Remove ${recordLabel(known.get(rid), target) || rid} from ${f.name}"
                    @click=${() => ctx.set(multi(f) ? ids.filter((x) => x !== rid) : "")}>×</button></li>`)}
        </ul>
        <button type="button" class="btn sm" ?disabled=${!target} @click=${() => ctx.editor.pickRelation(f)}>
          ${ids.length ? (multi(f) ? "Change records" : "Change record") : multi(f) ? "Choose records" : "Choose a record"}<span class="sr-only"> for ${f.name}</span></button>
        ${ctx.error ? html`<p class="field-error">${ctx.error}</p>` : nothing}
        ${f.help ? html`<p class="field-help">${f.help}</p>` : nothing}
      </fieldset>`;
}

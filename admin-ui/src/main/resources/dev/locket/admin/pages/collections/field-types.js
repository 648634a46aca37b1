// The field types of a collection: their names, a glyph, the options a new field starts with, and the form of
// each type's own options (the common ones, name/required/hidden/presentable/help, are in field-list.js).
// Option names are the API's (core/field_*.go upstream).

import { html, nothing } from "lit";
import { checkboxField, field, selectField } from "../../ui/field.js";
import { fromInputDate, joinList, splitList, toInputDate } from "./format.js";

export const FIELD_TYPES = [
    { type: "text", label: "Plain text", glyph: "T", defaults: () => ({ min: 0, max: 0, pattern: "", autogeneratePattern: "", primaryKey: false }) },
    { type: "editor", label: "Rich editor", glyph: "¶", defaults: () => ({ maxSize: 0, convertURLs: false }) },
    { type: "number", label: "Number", glyph: "#", defaults: () => ({ min: null, max: null, onlyInt: false }) },
    { type: "bool", label: "Bool", glyph: "✓", defaults: () => ({}) },
    { type: "email", label: "Email", glyph: "@", defaults: () => ({ exceptDomains: null, onlyDomains: null }) },
    { type: "url", label: "URL", glyph: "⌁", defaults: () => ({ exceptDomains: null, onlyDomains: null }) },
    { type: "date", label: "Date/time", glyph: "◷", defaults: () => ({ min: "", max: "" }) },
    { type: "autodate", label: "Autodate", glyph: "↻", defaults: () => ({ onCreate: true, onUpdate: false }) },
    { type: "select", label: "Select", glyph: "☰", defaults: () => ({ values: [], maxSelect: 1 }) },
    { type: "file", label: "File", glyph: "▤", defaults: () => ({ maxSelect: 1, maxSize: 0, mimeTypes: [], thumbs: [], protected: false }) },
    { type: "relation", label: "Relation", glyph: "⇄", defaults: () => ({ collectionId: "", cascadeDelete: false, minSelect: 0, maxSelect: 1 }) },
    { type: "json", label: "JSON", glyph: "{}", defaults: () => ({ maxSize: 0 }) },
    { type: "geoPoint", label: "Geo point", glyph: "⌖", defaults: () => ({}) },
    { type: "password", label: "Password", glyph: "•", defaults: () => ({ min: 0, max: 0, pattern: "", cost: 0 }) },
];

export function typeInfo(type) {
    return FIELD_TYPES.find((t) => t.type === type) || { type, label: type, glyph: "?", defaults: () => ({}) };
}

/** A new field of `type` with upstream's starting options. */
export function newField(type, name) {
    const base = { name, type, system: false, hidden: false, presentable: false, help: "" };
    if (type !== "autodate") {
        base.required = false;
    }
    return { ...base, ...typeInfo(type).defaults() };
}

/** Ready-made MIME type groups for file fields. */
const MIME_PRESETS = {
    Images: ["image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml"],
    Documents: ["application/pdf", "text/plain", "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    Videos: ["video/mp4", "video/webm", "video/quicktime"],
    Archives: ["application/zip", "application/x-7z-compressed", "application/x-tar", "application/gzip"],
};

/** A number from an input ("" → null when `nullable`, else 0). */
function num(value, nullable = false) {
    if (value === "" || value === null || value === undefined) {
        return nullable ? null : 0;
    }
    const n = Number(value);
    return Number.isFinite(n) ? n : nullable ? null : 0;
}

/**
 * The type's own options. `ctx`: { id (unique prefix), field, set(patch), error(path) → message,
 * collections (all), collection (the one being edited) }.
 */
export function typeOptions(ctx) {
    const f = ctx.field;
    const id = (name) => ctx.id + "-" + name;
    const numberInput = (name, label, { help, nullable = false, step, min } = {}) => field({
        id: id(name), label, type: "number", value: f[name] ?? "", help, step, min,
        error: ctx.error(name), onchange: (e) => ctx.set({ [name]: num(e.target.value, nullable) }),
    });
    const textInput = (name, label, { help, placeholder } = {}) => field({
        id: id(name), label, value: f[name] ?? "", help, placeholder, error: ctx.error(name),
        oninput: (e) => ctx.set({ [name]: e.target.value }),
    });
    const listInput = (name, label, { help, placeholder } = {}) => field({
        id: id(name), label, value: joinList(f[name]), help, placeholder, error: ctx.error(name),
        // on change, not on input: splitting while typing would eat the separator being typed
        onchange: (e) => ctx.set({ [name]: splitList(e.target.value) }),
    });
    const check = (name, label, help) => checkboxField({
        id: id(name), label, checked: !!f[name], help, error: ctx.error(name),
        onchange: (e) => ctx.set({ [name]: e.target.checked }),
    });

    switch (f.type) {
        case "text":
            return html`
              <div class="form-grid">
                ${numberInput("min", "Min length", { min: 0 })}
                ${numberInput("max", "Max length", { min: 0, help: "0: the default limit (5000)." })}
                ${textInput("pattern", "Validation pattern", { placeholder: "^[a-z0-9]+$", help: "A regular expression the value must match." })}
                ${textInput("autogeneratePattern", "Autogenerate pattern", { placeholder: "[a-z0-9]{15}", help: "Fills an empty value with random text of this shape." })}
              </div>
              ${f.primaryKey ? html`<p class="field-help">The primary key of the collection.</p>` : nothing}`;
        case "password":
            return html`
              <div class="form-grid">
                ${numberInput("min", "Min length", { min: 0 })}
                ${numberInput("max", "Max length", { min: 0, help: "0: no limit besides bcrypt's 72 bytes." })}
                ${textInput("pattern", "Validation pattern", { placeholder: "^(?=.*[0-9]).+$" })}
                ${numberInput("cost", "Bcrypt cost", { min: 0, help: "0: the default (10)." })}
              </div>`;
        case "number":
            return html`
              <div class="form-grid">
                ${numberInput("min", "Min", { nullable: true, step: "any" })}
                ${numberInput("max", "Max", { nullable: true, step: "any" })}
              </div>
              ${check("onlyInt", "Only integers")}`;
        case "bool":
        case "geoPoint":
            return nothing;
        case "email":
        case "url":
            return html`
              <div class="form-grid">
                ${listInput("onlyDomains", "Only domains", { placeholder: "example.com, example.org" })}
                ${listInput("exceptDomains", "Except domains", { placeholder: "spam.example" })}
              </div>`;
        case "editor":
            return html`
              <div class="form-grid">
                ${numberInput("maxSize", "Max size (bytes)", { min: 0, help: "0: the default (5 MB)." })}
              </div>
              ${check("convertURLs", "Convert URLs", "Relative links and images in the text become absolute.")}`;
        case "json":
            return html`<div class="form-grid">
              ${numberInput("maxSize", "Max size (bytes)", { min: 0, help: "0: the default (1 MB)." })}</div>`;
        case "date":
            return html`
              <div class="form-grid">
                ${field({ id: id("min"), label: "Min date (UTC)", type: "datetime-local", step: 1, value: toInputDate(f.min),
                    error: ctx.error("min"), onchange: (e) => ctx.set({ min: fromInputDate(e.target.value) }) })}
                ${field({ id: id("max"), label: "Max date (UTC)", type: "datetime-local", step: 1, value: toInputDate(f.max),
                    error: ctx.error("max"), onchange: (e) => ctx.set({ max: fromInputDate(e.target.value) }) })}
              </div>`;
        case "autodate":
            return html`
              <div class="row">
                ${check("onCreate", "Set on create")}
                ${check("onUpdate", "Set on update")}
              </div>`;
        case "select":
            return html`
              <div class="form-grid">
                ${listInput("values", "Choices", { placeholder: "draft, published, archived", help: "Separated by commas." })}
                ${numberInput("maxSelect", "Max select", { min: 1, help: "1: a single choice; more: a list." })}
              </div>`;
        case "file":
            return html`
              <div class="form-grid">
                ${numberInput("maxSelect", "Max files", { min: 1, help: "1: a single file; more: a list." })}
                ${numberInput("maxSize", "Max size per file (bytes)", { min: 0, help: "0: the default (5 MB)." })}
              </div>
              ${listInput("mimeTypes", "Allowed MIME types", { placeholder: "image/png, image/jpeg", help: "Empty: any type." })}
              <div class="row" role="group" aria-label="Add MIME type presets">
                ${Object.entries(MIME_PRESETS).map(([name, types]) => html`<button type="button" class="btn sm"
                    @click=${() => ctx.set({ mimeTypes: [...new Set([...(f.mimeTypes || []), ...types])] })}>+ ${name}</button>`)}
              </div>
              ${listInput("thumbs", "Thumb sizes", { placeholder: "100x100, 0x300, 200x200t",
                  help: "WxH (crop center), WxHt (top), WxHb (bottom), WxHf (fit), 0xH / Wx0 (keep ratio)." })}
              ${check("protected", "Protected", "Files are only served with a file token (the record's view rule applies).")}`;
        case "relation": {
            const targets = ctx.collections || [];
            return html`
              <div class="form-grid">
                ${selectField({ id: id("collectionId"), label: "Collection", value: f.collectionId, required: true,
                    error: ctx.error("collectionId"),
                    options: [{ value: "", label: "Choose a collection" },
                        ...targets.map((c) => ({ value: c.id, label: c.name + (c.type === "view" ? " (view)" : "") }))],
                    onchange: (e) => ctx.set({ collectionId: e.target.value }) })}
                ${numberInput("minSelect", "Min select", { min: 0 })}
                ${numberInput("maxSelect", "Max select", { min: 1, help: "1: a single record; more: a list." })}
              </div>
              ${check("cascadeDelete", "Cascade delete", "Deleting a related record deletes this record too (or removes the reference from a list).")}`;
        }
        default:
            return html`<p class="field-help">No options for this type.</p>`;
    }
}

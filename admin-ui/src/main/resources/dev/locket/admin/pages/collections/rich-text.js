// <lk-rich-text>: a small rich text editor for `editor` fields (a contenteditable area with a toolbar, and the
// HTML source one click away). Loaded only when a record form has an editor field. The HTML it is given is
// sanitized before it is shown: only formatting elements and safe attributes survive.
//
//   html`<lk-rich-text label="Content" .value=${html} @lk-change=${(e) => …e.detail.value}></lk-rich-text>`

import { html, nothing } from "lit";
import { live } from "lit/directives/live.js";
import { LkElement } from "../../core/element.js";

const ALLOWED = new Set(["P", "BR", "B", "STRONG", "I", "EM", "U", "S", "DEL", "A", "UL", "OL", "LI", "H1", "H2", "H3",
    "H4", "BLOCKQUOTE", "PRE", "CODE", "HR", "IMG", "SPAN", "DIV", "SUB", "SUP", "TABLE", "THEAD", "TBODY", "TR",
    "TH", "TD", "FIGURE", "FIGCAPTION"]);
const ATTRIBUTES = { A: ["href", "title", "target", "rel"], IMG: ["src", "alt", "title", "width", "height"] };
const SAFE_URL = /^(https?:|mailto:|tel:|\/|#|\.{0,2}\/|[^:]*$)/i;

/** Keeps formatting only: scripts, styles, event handlers and javascript: links are dropped. */
export function sanitizeHtml(input) {
    const doc = new DOMParser().parseFromString("<body>" + String(input || "") + "</body>", "text/html");
    const clean = (node) => {
        for (const child of [...node.childNodes]) {
            if (child.nodeType === Node.COMMENT_NODE) {
                child.remove();
            } else if (child.nodeType === Node.ELEMENT_NODE) {
                if (!ALLOWED.has(child.tagName)) {
                    if (["SCRIPT", "STYLE", "IFRAME", "OBJECT", "EMBED", "TEMPLATE", "NOSCRIPT"].includes(child.tagName)) {
                        child.remove();
                    } else {
                        clean(child);
                        child.replaceWith(...child.childNodes);
                    }
                    continue;
                }
                const keep = ATTRIBUTES[child.tagName] || [];
                for (const attr of [...child.attributes]) {
                    const ok = keep.includes(attr.name) && !(["href", "src"].includes(attr.name) && !SAFE_URL.test(attr.value.trim()));
                    if (!ok) {
                        child.removeAttribute(attr.name);
                    }
                }
                clean(child);
            }
        }
    };
    clean(doc.body);
    return doc.body.innerHTML;
}

const TOOLS = [
    { label: "Bold", glyph: "B", run: () => document.execCommand("bold") },
    { label: "Italic", glyph: "I", run: () => document.execCommand("italic") },
    { label: "Underline", glyph: "U", run: () => document.execCommand("underline") },
    { label: "Heading", glyph: "H2", run: () => document.execCommand("formatBlock", false, "h2") },
    { label: "Subheading", glyph: "H3", run: () => document.execCommand("formatBlock", false, "h3") },
    { label: "Paragraph", glyph: "¶", run: () => document.execCommand("formatBlock", false, "p") },
    { label: "Bulleted list", glyph: "•", run: () => document.execCommand("insertUnorderedList") },
    { label: "Numbered list", glyph: "1.", run: () => document.execCommand("insertOrderedList") },
    { label: "Quote", glyph: "❝", run: () => document.execCommand("formatBlock", false, "blockquote") },
    { label: "Code block", glyph: "</>", run: () => document.execCommand("formatBlock", false, "pre") },
    { label: "Link", glyph: "🔗", run: () => {
        const url = prompt("Link address (https://…)");
        if (url && SAFE_URL.test(url.trim())) {
            document.execCommand("createLink", false, url.trim());
        }
    } },
    { label: "Remove formatting", glyph: "⌫", run: () => document.execCommand("removeFormat") },
];

export class LkRichText extends LkElement {
    static properties = {
        label: { type: String },
        value: { attribute: false },
        error: { attribute: false },
        inputId: { type: String, attribute: "input-id" },
        source: { state: true },
    };

    constructor() {
        super();
        this.label = "";
        this.value = "";
        this.error = "";
        this.inputId = "rich-text";
        this.source = false;
        this.shown = null;
    }

    render() {
        const id = this.inputId;
        return html`
          <div class="field rich ${this.error ? "invalid" : ""}">
            <span class="label-like" id="${id}-label">${this.label}</span>
            <div class="rich-toolbar" role="toolbar" aria-label="Formatting of ${this.label}" aria-controls=${id}>
              ${TOOLS.map((t) => html`<button type="button" class="btn sm ghost" aria-label=${t.label} title=${t.label}
                  ?disabled=${this.source} @mousedown=${(e) => e.preventDefault()} @click=${() => this.#run(t)}>${t.glyph}</button>`)}
              <span class="grow"></span>
              <button type="button" class="btn sm ghost" aria-pressed=${this.source ? "true" : "false"}
                      @click=${(e) => this.#toggleSource(e)}>HTML</button>
            </div>
            ${this.source
                ? html`<textarea id=${id} class="mono" rows="8" aria-labelledby="${id}-label" .value=${live(this.value || "")}
                      @input=${(e) => this.#emit(e.target.value)}></textarea>`
                : html`<div id=${id} class="rich-area" contenteditable="true" role="textbox" aria-multiline="true"
                      aria-labelledby="${id}-label" tabindex="0" aria-describedby=${this.error ? id + "-error" : nothing}
                      @input=${(e) => this.#onEdit(e)} @paste=${(e) => this.#onPaste(e)}></div>`}
            ${this.error ? html`<p class="field-error" id="${id}-error">${this.error}</p>` : nothing}
          </div>`;
    }

    updated() {
        const area = this.querySelector(".rich-area");
        // only write into the area when the value came from outside (not while typing: the caret would jump)
        if (area && this.value !== this.shown) {
            area.innerHTML = sanitizeHtml(this.value);
            this.shown = this.value;
        }
    }

    #run(tool) {
        this.querySelector(".rich-area")?.focus();
        tool.run();
        this.#onEdit();
    }

    #onEdit() {
        const area = this.querySelector(".rich-area");
        if (!area) {
            return;
        }
        const value = area.innerHTML === "<br>" ? "" : area.innerHTML;
        this.shown = value;
        this.#emit(value);
    }

    #onPaste(e) {
        // pasted HTML goes through the sanitizer
        const data = e.clipboardData?.getData("text/html");
        if (data) {
            e.preventDefault();
            document.execCommand("insertHTML", false, sanitizeHtml(data));
        }
    }

    #toggleSource() {
        this.source = !this.source;
        this.shown = null;
    }

    #emit(value) {
        this.value = value;
        this.dispatchEvent(new CustomEvent("lk-change", { detail: { value }, bubbles: true }));
    }
}
customElements.define("lk-rich-text", LkRichText);

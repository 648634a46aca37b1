// An accessible modal dialog on the native <dialog> element (the rest of the page becomes inert), with
// focus kept inside, Escape to close and focus handed back to where it was.
//
//   html`<lk-dialog heading="Edit" .open=${this.editing} @lk-close=${() => (this.editing = false)}
//          .body=${html`…form…`} .footer=${html`<button class="btn primary" …>Save</button>`}></lk-dialog>`
//
// The dialog never closes itself: it asks with an "lk-close" event (detail.reason: "escape", "button",
// "backdrop") and the owner sets open = false, so a page can refuse (e.g. to warn about unsaved changes).

import { html, nothing } from "lit";
import { LkElement } from "../core/element.js";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]),"
    + " textarea:not([disabled]), [tabindex]:not([tabindex='-1']), [contenteditable='true']";
let counter = 0;

/** The elements Tab can reach inside `root`, in order. */
export function focusableIn(root) {
    return [...root.querySelectorAll(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

export class LkDialog extends LkElement {
    static properties = {
        open: { type: Boolean, reflect: true },
        heading: { type: String },
        /** "sm" | "md" | "lg" */
        size: { type: String },
        body: { attribute: false },
        footer: { attribute: false },
    };

    constructor() {
        super();
        this.open = false;
        this.heading = "";
        this.size = "md";
        this.uid = "dlg" + ++counter;
        this.returnFocus = null;
    }

    get dialog() {
        return this.querySelector(":scope > dialog");
    }

    render() {
        return html`
          <dialog class="dialog ${this.size}" aria-labelledby="${this.uid}-title" @cancel=${this.#onCancel}
                  @close=${this.#onNativeClose} @keydown=${this.#trapTab} @mousedown=${this.#onBackdrop}>
            <div class="dialog-frame">
              <header class="dialog-header">
                <h2 id="${this.uid}-title">${this.heading}</h2>
                <button type="button" class="btn ghost icon" aria-label="Close" data-close
                        @click=${() => this.#requestClose("button")}>×</button>
              </header>
              <div class="dialog-body">${this.body ?? nothing}</div>
              ${this.footer ? html`<footer class="dialog-footer">${this.footer}</footer>` : nothing}
            </div>
          </dialog>`;
    }

    updated(changed) {
        if (!changed.has("open")) {
            return;
        }
        const dialog = this.dialog;
        if (this.open && !dialog.open) {
            this.returnFocus = document.activeElement;
            dialog.showModal();
            const first = dialog.querySelector("[autofocus]")
                || focusableIn(dialog.querySelector(".dialog-body")).at(0)
                || focusableIn(dialog).at(0);
            first?.focus();
        } else if (!this.open && dialog.open) {
            dialog.close();
        }
    }

    disconnectedCallback() {
        this.#restoreFocus();
        super.disconnectedCallback();
    }

    #requestClose(reason) {
        this.dispatchEvent(new CustomEvent("lk-close", { detail: { reason }, bubbles: true, composed: true }));
    }

    #onCancel(e) {
        // Escape: the owner decides
        e.preventDefault();
        this.#requestClose("escape");
    }

    #onNativeClose() {
        // the browser may close a dialog by itself (a second Escape): keep the owner in step
        if (this.open) {
            this.#requestClose("escape");
        }
        this.#restoreFocus();
    }

    #onBackdrop(e) {
        // the frame covers the whole dialog box, so a press on the dialog element itself is on the backdrop
        if (e.target === this.dialog) {
            this.#requestClose("backdrop");
        }
    }

    #trapTab(e) {
        if (e.key !== "Tab") {
            return;
        }
        const items = focusableIn(this.dialog);
        if (items.length === 0) {
            e.preventDefault();
            return;
        }
        const first = items[0];
        const last = items[items.length - 1];
        if (e.shiftKey && (document.activeElement === first || !this.dialog.contains(document.activeElement))) {
            e.preventDefault();
            last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
            e.preventDefault();
            first.focus();
        }
    }

    #restoreFocus() {
        const target = this.returnFocus;
        this.returnFocus = null;
        if (target && target.isConnected && typeof target.focus === "function") {
            target.focus();
        }
    }
}
customElements.define("lk-dialog", LkDialog);

class LkConfirm extends LkElement {
    static properties = { open: { state: true } };

    constructor(options, resolve) {
        super();
        this.options = options;
        this.resolve = resolve;
        this.open = true;
    }

    render() {
        const o = this.options;
        return html`<lk-dialog size="sm" .open=${this.open} heading=${o.heading || "Are you sure?"}
            @lk-close=${() => this.#done(false)}
            .body=${html`<p class="confirm-message">${o.message}</p>`}
            .footer=${html`
              <button type="button" class="btn ghost" ?autofocus=${!!o.danger} @click=${() => this.#done(false)}>
                ${o.cancelText || "Cancel"}</button>
              <button type="button" class="btn ${o.danger ? "danger" : "primary"}" ?autofocus=${!o.danger}
                      @click=${() => this.#done(true)}>${o.confirmText || "Confirm"}</button>`}></lk-dialog>`;
    }

    #done(answer) {
        if (!this.open) {
            return;
        }
        this.open = false;
        this.resolve(answer);
        this.updateComplete.then(() => this.remove());
    }
}
customElements.define("lk-confirm", LkConfirm);

/**
 * Asks a yes/no question in a modal; resolves to true when confirmed. `danger` styles the confirm button as
 * destructive and starts with the focus on Cancel.
 */
export function confirmDialog({ heading, message, confirmText, cancelText, danger = false } = {}) {
    return new Promise((resolve) => {
        document.body.append(new LkConfirm({ heading, message, confirmText, cancelText, danger }, resolve));
    });
}

/**
 * A failed call's message inside a dialog: a modal dialog makes the rest of the page inert, toasts included, so a
 * dialog shows the errors of its own calls itself (field errors go under their inputs; this is for the others).
 */
export function dialogAlert(message) {
    return message ? html`<p class="alert danger dialog-alert" role="alert">${message}</p>` : nothing;
}

/** The message a dialog shows for a failed call: none when the error names fields (they show at their inputs). */
export function failureOf(err) {
    return err && !err.isAbort && Object.keys(err.data || {}).length === 0 ? err.message : "";
}

// Short messages in a corner: toast.success / info / error("…"). Errors stay longer (they may need
// reading); all can be closed. One <lk-toasts> (in the app) shows them. A page that succeeds after an
// error calls toast.clear() so the old error does not linger.

import { html } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { LkElement } from "../core/element.js";

const listeners = new Set();
let items = [];
let nextId = 1;

function publish() {
    for (const l of listeners) {
        l(items);
    }
}

function add(kind, message, timeout) {
    const id = nextId++;
    items = [...items.filter((t) => t.message !== message || t.kind !== kind), { id, kind, message }];
    publish();
    if (timeout > 0) {
        setTimeout(() => dismiss(id), timeout);
    }
    return id;
}

export function dismiss(id) {
    items = items.filter((t) => t.id !== id);
    publish();
}

export const toast = {
    success: (message, timeout = 4000) => add("success", message, timeout),
    info: (message, timeout = 4000) => add("info", message, timeout),
    error: (message, timeout = 10000) => add("error", message, timeout),
    clear: () => {
        items = [];
        publish();
    },
};

class LkToasts extends LkElement {
    static properties = { items: { state: true } };

    constructor() {
        super();
        this.items = items;
        this.update_ = (list) => (this.items = list);
    }

    connectedCallback() {
        super.connectedCallback();
        listeners.add(this.update_);
    }

    disconnectedCallback() {
        listeners.delete(this.update_);
        super.disconnectedCallback();
    }

    render() {
        // two live regions: errors interrupt (alert), the rest wait their turn (status)
        const of = (kinds) => repeat(this.items.filter((t) => kinds.includes(t.kind)), (t) => t.id, (t) => html`
            <div class="toast ${t.kind}">
              <span class="toast-text">${t.message}</span>
              <button type="button" class="btn ghost sm" aria-label="Dismiss" @click=${() => dismiss(t.id)}>×</button>
            </div>`);
        return html`
          <div class="toasts">
            <div role="alert">${of(["error"])}</div>
            <div role="status" aria-live="polite">${of(["success", "info"])}</div>
          </div>`;
    }
}
customElements.define("lk-toasts", LkToasts);

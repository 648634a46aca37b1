// <lk-app>: follows the hash, checks who may see the route, loads its page module and shows the page in
// its layout: the shell (sidebar, header, content) for superusers, a centred panel for everything else.

import { html, nothing } from "lit";
import { LkElement } from "../core/element.js";
import { api } from "../core/api.js";
import { session } from "../core/session.js";
import { Access, fallbackPath, match, navigate } from "../core/router.js";
import { toast } from "../ui/toasts.js"; // also defines <lk-toasts>
import { NAV } from "./nav.js";

class LkApp extends LkElement {
    static properties = {
        route: { state: true },
        page: { state: true },
        appName: { state: true },
        loading: { state: true },
    };

    constructor() {
        super();
        this.route = null;
        this.page = null;
        this.appName = "";
        this.loading = true;
        this.navigations = 0;
        this.onHash = () => this.resolve();
    }

    connectedCallback() {
        super.connectedCallback();
        window.addEventListener("hashchange", this.onHash);
        this.stopSession = session.onChange(() => {
            this.appName = session.appName;
            // signed out (here, in another tab, or by a 401): leave the superuser pages
            if (this.route?.access === Access.SUPERUSER && !session.signedIn) {
                navigate("#/login", { replace: true });
            } else {
                this.requestUpdate();
            }
        });
        this.resolve();
    }

    disconnectedCallback() {
        window.removeEventListener("hashchange", this.onHash);
        this.stopSession?.();
        super.disconnectedCallback();
    }

    async resolve() {
        const hash = window.location.hash;
        const found = match(hash);
        if (!found) {
            navigate(fallbackPath(), { replace: true });
            return;
        }
        if (found.access === Access.SUPERUSER && !session.signedIn) {
            navigate("#/login", { replace: true });
            return;
        }
        if (found.access === Access.GUEST && session.signedIn) {
            navigate(fallbackPath(), { replace: true });
            return;
        }
        const ticket = ++this.navigations;
        let module;
        try {
            module = await found.load();
        } catch (err) {
            console.error(err);
            toast.error("Failed to load the page. Reload to try again.");
            return;
        }
        if (ticket !== this.navigations) {
            return; // a later navigation won
        }
        if (!customElements.get(found.page)) {
            throw new Error(`the module of ${found.pattern} does not define <${found.page}> (exports: ${Object.keys(module)})`);
        }
        const samePage = this.page && this.page.localName === found.page && this.route?.pattern === found.pattern;
        const page = samePage ? this.page : document.createElement(found.page);
        page.route = found;
        const first = this.route === null;
        this.route = found;
        this.page = page;
        this.loading = false;
        session.setTitle(found.title);
        if (!first && !samePage) {
            // a new page: move the keyboard and screen reader focus to its content
            await this.updateComplete;
            this.querySelector("#content")?.focus({ preventScroll: true });
        }
    }

    render() {
        return html`
          <a class="skip-link" href="#content" @click=${this.#skip}>Skip to content</a>
          ${this.loading ? html`<div class="boot" aria-busy="true"><span class="spinner" aria-hidden="true"></span>
            <span class="sr-only">Loading</span></div>` : nothing}
          ${this.route?.access === Access.SUPERUSER ? this.#shell() : this.#panel()}
          <lk-toasts></lk-toasts>`;
    }

    #panel() {
        if (!this.page) {
            return nothing;
        }
        return html`
          <main id="content" class="panel-layout" tabindex="-1">
            <div class="brand" aria-hidden="true">${logo()}<span>Locket</span></div>
            ${this.page}
          </main>`;
    }

    #shell() {
        const hash = this.route?.path || "";
        const me = session.superuser;
        return html`
          <div class="shell">
            <aside class="sidebar">
              <a class="brand" href="#/" aria-label="Locket home">${logo()}<span>Locket</span></a>
              <nav aria-label="Main">
                <ul>
                  ${NAV.map((item) => {
                      const current = hash === item.href || hash.startsWith(item.href + "/");
                      return html`<li><a href=${item.href} aria-current=${current ? "page" : "false"}>
                        ${item.icon}<span>${item.label}</span></a></li>`;
                  })}
                </ul>
              </nav>
            </aside>
            <div class="shell-main">
              <header class="topbar">
                <span class="topbar-title">${this.appName || "Locket"}</span>
                <div class="account">
                  <span class="account-email" title=${me?.email || ""}>${me?.email || ""}</span>
                  <button type="button" class="btn ghost sm" @click=${this.#logout}>Log out</button>
                </div>
              </header>
              <main id="content" class="content" tabindex="-1">${this.page}</main>
            </div>
          </div>`;
    }

    #skip(e) {
        e.preventDefault();
        this.querySelector("#content")?.focus();
    }

    #logout() {
        api.authStore.clear();
        toast.clear();
        navigate("#/login");
    }
}
customElements.define("lk-app", LkApp);

function logo() {
    return html`<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="5" y="13" width="22" height="16" rx="4" fill="currentColor"/>
      <path d="M10 13V10a6 6 0 0 1 12 0v3" fill="none" stroke="currentColor" stroke-width="3"/>
      <circle cx="16" cy="21" r="2.5" fill="var(--c-surface)"/></svg>`;
}

// The frame every settings page shares: the heading ("Settings / <page>") with the page's actions, and the
// settings' own navigation beside the content (above it on phones).

import { html, nothing } from "lit";

/** The settings pages, grouped as upstream's dashboard groups them. */
const GROUPS = [
    { name: "System", items: [
        { href: "#/settings", label: "Application" },
        { href: "#/settings/mail", label: "Mail" },
        { href: "#/settings/storage", label: "File storage" },
        { href: "#/settings/backups", label: "Backups" },
        { href: "#/settings/crons", label: "Crons" },
    ] },
    { name: "Sync", items: [
        { href: "#/settings/export-collections", label: "Export collections" },
        { href: "#/settings/import-collections", label: "Import collections" },
    ] },
    { name: "Debug", items: [{ href: "#/settings/sql", label: "SQL console" }] },
];

/**
 * A settings page: `route` (the page's route, to mark the current entry), `heading`, the page `content`
 * and optional `actions` (buttons beside the heading).
 */
export function settingsFrame(route, heading, content, actions = nothing) {
    const path = route?.path || "";
    return html`
      <header class="page-header">
        <h1><span class="muted">Settings /</span> ${heading}</h1>
        ${actions !== nothing ? html`<div class="row">${actions}</div>` : nothing}
      </header>
      <div class="split settings-layout">
        <nav class="settings-nav" aria-label="Settings">
          ${GROUPS.map((g, i) => html`
            <div class="settings-nav-group" id="settings-nav-${i}">${g.name}</div>
            <ul aria-labelledby="settings-nav-${i}">
              ${g.items.map((item) => html`<li><a href=${item.href}
                  aria-current=${item.href === path ? "page" : "false"}>${item.label}</a></li>`)}
            </ul>`)}
        </nav>
        <div class="settings-content">${content}</div>
      </div>`;
}

/** The spinner a page shows while its data loads. */
export function loadingBlock(label = "Loading") {
    return html`<div class="card center" aria-busy="true"><span class="spinner" aria-hidden="true"></span>
      <span class="sr-only">${label}</span></div>`;
}

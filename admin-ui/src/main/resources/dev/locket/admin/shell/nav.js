// The sidebar's entries; a route belongs to an entry when its path is the entry's href or below it.

import { html } from "lit";

const icon = (d) => html`<svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d=${d} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

export const NAV = [
    { href: "#/collections", label: "Collections",
        icon: icon("M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6m-16 6c0 1.7 3.6 3 8 3s8-1.3 8-3") },
    { href: "#/logs", label: "Logs", icon: icon("M4 19h16M7 15V9m5 6V5m5 10v-4") },
    { href: "#/settings", label: "Settings",
        icon: icon("M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7.5 7.5 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7.5 7.5 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z") },
];

// The signed-in superuser's session: a background token refresh on start (as upstream's dashboard does),
// the app name for titles, and change notifications for the shell.

import { api } from "./api.js";

const listeners = new Set();

export const session = {
    /** meta.appName of the settings once a superuser is signed in. */
    appName: "",

    /** Is a superuser signed in (a valid superuser token is stored)? */
    get signedIn() {
        return api.authStore.isValid && api.authStore.isSuperuser && !!api.authStore.record?.id;
    },

    get superuser() {
        return this.signedIn ? api.authStore.record : null;
    },

    onChange(callback) {
        listeners.add(callback);
        return () => listeners.delete(callback);
    },

    changed() {
        for (const l of listeners) {
            l(this);
        }
    },

    /** Refreshes a stored token in the background; a refused one (401/403) ends the session. */
    async refresh() {
        if (!this.signedIn) {
            return;
        }
        try {
            await api.collection(api.authStore.record.collectionName || "_superusers").authRefresh();
        } catch (err) {
            if (err.status === 401 || err.status === 403) {
                api.authStore.clear();
            }
        }
    },

    async loadSettings() {
        if (!this.signedIn) {
            return;
        }
        try {
            const settings = await api.send("/api/settings", { query: { fields: "meta.appName" } });
            this.appName = settings?.meta?.appName || "";
            this.changed();
        } catch {
            // the name is cosmetic: the header falls back to "Locket"
        }
    },

    /** Sets the tab title: "<page> - <app name>". */
    setTitle(page) {
        const app = this.appName || "Locket";
        document.title = page ? page + " - " + app : app;
    },
};

api.authStore.onChange(() => {
    if (session.signedIn) {
        session.loadSettings();
    } else {
        session.appName = "";
    }
    session.changed();
});

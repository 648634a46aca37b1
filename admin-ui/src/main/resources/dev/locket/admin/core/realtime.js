// Realtime subscriptions over /api/realtime, spoken as the JS SDK's RealtimeService speaks it: one EventSource,
// the server's "PB_CONNECT" event gives a client id, then POST /api/realtime {clientId, subscriptions} (with the
// session's token) says what to receive. Each message arrives as an event named after its subscription string.
// The browser reconnects a dropped EventSource by itself; every new PB_CONNECT re-submits the subscriptions.

import { api as defaultApi } from "./api.js";

/** A subscription string with options, as the SDK builds it: `topic?options={"query":{…}}`. */
export function topicWithOptions(topic, query = {}) {
    const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""));
    if (Object.keys(clean).length === 0) {
        return topic;
    }
    return topic + (topic.includes("?") ? "&" : "?") + "options=" + encodeURIComponent(JSON.stringify({ query: clean }));
}

export class Realtime {
    #source = null;
    #clientId = "";
    /** subscription string → Set of callbacks */
    #subs = new Map();
    #listeners = new Map();
    #submitTimer = 0;
    #idleTimer = 0;
    #stateListeners = new Set();

    constructor(api = defaultApi) {
        this.api = api;
        // a new session (another superuser, a refreshed token) must re-authorize the subscriptions
        api.authStore.onChange(() => {
            if (this.#clientId) {
                this.#submitSoon();
            }
        });
    }

    get connected() {
        return !!this.#clientId;
    }

    /** Calls back with true/false when the connection comes up or drops; returns the function that stops it. */
    onState(callback) {
        this.#stateListeners.add(callback);
        return () => this.#stateListeners.delete(callback);
    }

    /**
     * Receives the messages of `topic` (e.g. "posts/*", optionally with options: see topicWithOptions) as
     * parsed JSON. Resolves, once the server has the subscription, to the function that ends it.
     */
    async subscribe(topic, callback) {
        clearTimeout(this.#idleTimer);
        let set = this.#subs.get(topic);
        if (!set) {
            set = new Set();
            this.#subs.set(topic, set);
            const listener = (e) => {
                let data;
                try {
                    data = JSON.parse(e.data);
                } catch {
                    data = e.data;
                }
                for (const cb of this.#subs.get(topic) || []) {
                    cb(data);
                }
            };
            this.#listeners.set(topic, listener);
            this.#source?.addEventListener(topic, listener);
        }
        set.add(callback);
        if (!this.#source) {
            this.#connect();
        } else if (this.#clientId) {
            await this.#submit();
        }
        return () => this.#unsubscribe(topic, callback);
    }

    #unsubscribe(topic, callback) {
        const set = this.#subs.get(topic);
        if (!set) {
            return;
        }
        set.delete(callback);
        if (set.size > 0) {
            return;
        }
        this.#subs.delete(topic);
        this.#source?.removeEventListener(topic, this.#listeners.get(topic));
        this.#listeners.delete(topic);
        this.#submitSoon();
        if (this.#subs.size === 0) {
            // a page changing its filter unsubscribes and subscribes again at once: keep the connection a while
            this.#idleTimer = setTimeout(() => this.disconnect(), 5000);
        }
    }

    disconnect() {
        clearTimeout(this.#submitTimer);
        clearTimeout(this.#idleTimer);
        this.#source?.close();
        this.#source = null;
        this.#setClientId("");
    }

    #connect() {
        const source = new EventSource(this.api.url("/api/realtime"));
        this.#source = source;
        for (const [topic, listener] of this.#listeners) {
            source.addEventListener(topic, listener);
        }
        source.addEventListener("PB_CONNECT", (e) => {
            try {
                this.#setClientId(JSON.parse(e.data).clientId || "");
            } catch {
                this.#setClientId("");
            }
            this.#submit().catch(() => {
                // a refused submission (e.g. signed out): the page shows the data it has; the next connect retries
            });
        });
        source.addEventListener("error", () => {
            // EventSource retries by itself; until the next PB_CONNECT nothing is subscribed
            if (source.readyState !== EventSource.OPEN) {
                this.#setClientId("");
            }
        });
    }

    #setClientId(id) {
        const was = this.connected;
        this.#clientId = id;
        if (was !== this.connected) {
            for (const cb of this.#stateListeners) {
                cb(this.connected);
            }
        }
    }

    #submitSoon() {
        clearTimeout(this.#submitTimer);
        this.#submitTimer = setTimeout(() => this.#submit().catch(() => {}), 0);
    }

    #submit() {
        if (!this.#clientId) {
            return Promise.resolve();
        }
        return this.api.send("/api/realtime", {
            method: "POST",
            body: { clientId: this.#clientId, subscriptions: [...this.#subs.keys()] },
        });
    }
}

/** The dashboard's one realtime connection (opened on the first subscription, closed after the last). */
export const realtime = new Realtime();

// The superuser session, stored exactly as the official JS SDK's LocalAuthStore stores it
// (localStorage key "pocketbase_auth", JSON {token, record}), so a login made with the SDK in this
// origin is a dashboard login too, and the reverse.

export const STORAGE_KEY = "pocketbase_auth";
const SUPERUSERS_ID = "pbc_3142635823";

/** The claims of a JWT without checking it ({} when it is not one). */
export function tokenPayload(token) {
    try {
        const part = String(token || "").split(".")[1];
        if (!part) {
            return {};
        }
        const bytes = Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
        const payload = JSON.parse(new TextDecoder().decode(bytes));
        return payload && typeof payload === "object" ? payload : {};
    } catch {
        return {};
    }
}

/** As the SDK's isTokenExpired: no claims means expired, no exp means valid. */
export function isTokenExpired(token, thresholdSeconds = 0) {
    const payload = tokenPayload(token);
    if (Object.keys(payload).length === 0) {
        return true;
    }
    return !!payload.exp && payload.exp - thresholdSeconds <= Date.now() / 1000;
}

export class AuthStore {
    #listeners = new Set();

    constructor(storage = window.localStorage) {
        this.storage = storage;
        // another tab (or the SDK in this one) changed the session
        window.addEventListener("storage", (e) => {
            if (e.key === STORAGE_KEY || e.key === null) {
                this.#notify();
            }
        });
    }

    #read() {
        try {
            const data = JSON.parse(this.storage.getItem(STORAGE_KEY) || "{}");
            return data && typeof data === "object" ? data : {};
        } catch {
            return {};
        }
    }

    get token() {
        return this.#read().token || "";
    }

    /** The signed-in record; older SDKs stored it as "model". */
    get record() {
        const data = this.#read();
        return data.record || data.model || null;
    }

    get isValid() {
        return !isTokenExpired(this.token);
    }

    /** The same test as the SDK's authStore.isSuperuser. */
    get isSuperuser() {
        const payload = tokenPayload(this.token);
        const record = this.record;
        return payload.type === "auth"
            && (record?.collectionName === "_superusers"
                || (!record?.collectionName && payload.collectionId === SUPERUSERS_ID));
    }

    save(token, record) {
        this.storage.setItem(STORAGE_KEY, JSON.stringify({ token: token || "", record: record || null }));
        this.#notify();
    }

    clear() {
        this.storage.removeItem(STORAGE_KEY);
        this.#notify();
    }

    /** Calls back on every change (this tab or another); returns the function that stops it. */
    onChange(callback) {
        this.#listeners.add(callback);
        return () => this.#listeners.delete(callback);
    }

    #notify() {
        for (const callback of this.#listeners) {
            callback(this.token, this.record);
        }
    }
}

/** A session kept in memory only: for the public pages, which must not touch the superuser's. */
export class MemoryAuthStore extends AuthStore {
    constructor() {
        const map = new Map();
        super({
            getItem: (k) => (map.has(k) ? map.get(k) : null),
            setItem: (k, v) => map.set(k, String(v)),
            removeItem: (k) => map.delete(k),
        });
    }
}

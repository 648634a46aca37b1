// The collections every part of this area needs (sidebar, records table, relation pickers, rule autocomplete):
// loaded once from GET /api/collections, reloaded after a change, shared through change notifications.

import { api } from "../../core/api.js";

const listeners = new Set();
let cache = [];
let loading = null;
let scaffolds = null;
let providers = null;

/** Sorts as upstream's sidebar: user collections by name, then the system ones. */
function byName(a, b) {
    if (a.system !== b.system) {
        return a.system ? 1 : -1;
    }
    return a.name.localeCompare(b.name);
}

export const collections = {
    get all() {
        return cache;
    },

    /** The collection with this id or name (ids first, as the API resolves them), or null. */
    find(idOrName) {
        if (!idOrName) {
            return null;
        }
        return cache.find((c) => c.id === idOrName) || cache.find((c) => c.name === idOrName) || null;
    },

    onChange(callback) {
        listeners.add(callback);
        return () => listeners.delete(callback);
    },

    /** Every collection, page by page as the SDK's getFullList (skipTotal: the pages tell when to stop). */
    load() {
        if (loading) {
            return loading;
        }
        loading = (async () => {
            const all = [];
            for (let page = 1; ; page++) {
                const result = await api.send("/api/collections", { query: { page, perPage: 500, skipTotal: 1 } });
                all.push(...(result?.items || []));
                if (!result?.items || result.items.length < 500) {
                    break;
                }
            }
            cache = all.sort(byName);
            for (const l of listeners) {
                l(cache);
            }
            return cache;
        })().finally(() => (loading = null));
        return loading;
    },

    /** Puts a saved collection into the cache (or takes a deleted one out) without a reload. */
    replace(collection, { removed = false } = {}) {
        cache = cache.filter((c) => c.id !== collection.id);
        if (!removed) {
            cache = [...cache, collection].sort(byName);
        }
        for (const l of listeners) {
            l(cache);
        }
    },

    /** The blank base, auth and view collections the server proposes (GET /api/collections/meta/scaffolds). */
    async scaffolds() {
        scaffolds ??= api.send("/api/collections/meta/scaffolds").catch((err) => {
            scaffolds = null;
            throw err;
        });
        return structuredClone(await scaffolds);
    },

    /** The OAuth2 providers the server knows: [{name, displayName, logo}]. */
    async oauth2Providers() {
        providers ??= api.send("/api/collections/meta/oauth2-providers").catch((err) => {
            providers = null;
            throw err;
        });
        return providers;
    },
};

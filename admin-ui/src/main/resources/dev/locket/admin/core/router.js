// A hash router with upstream's route shapes ("#/collections?collection=posts", "#/pbinstall/{token}"),
// so links in mails and bookmarks keep working. Routes are registered in routes.js only.

/** Who may open a route, which also picks its layout. */
export const Access = Object.freeze({
    /** Signed-in superusers, in the shell (sidebar + header); others go to #/login. */
    SUPERUSER: "superuser",
    /** Signed-out visitors (login, installer); a signed-in superuser goes to #/. */
    GUEST: "guest",
    /** Anyone: the landing pages of mails and OAuth2. */
    PUBLIC: "public",
});

const routes = [];
let fallback = "#/collections";

/**
 * Registers a route. `pattern`: "#/path/{param}"; `page`: the custom element's tag; `load`: imports the
 * module that defines it (loaded on first visit, so the first load stays small); `title`: the tab title.
 */
export function route(pattern, { page, load, access = Access.SUPERUSER, title = "" }) {
    const names = [];
    const source = pattern.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, name) => {
        names.push(name);
        return "([^/?]+)";
    });
    routes.push({ pattern, regex: new RegExp("^" + source + "/?$"), names, page, load, access, title });
}

/** Where "#/" and unknown hashes lead. */
export function setFallback(hash) {
    fallback = hash;
}

export function fallbackPath() {
    return fallback;
}

/**
 * The route of a hash: {pattern, path, params, query, page, load, access, title}, or null. Query values are
 * strings (the last one wins); `query.all(name)` gives every value.
 */
export function match(hash) {
    const raw = String(hash || "").replace(/^#?/, "#");
    const [path, search = ""] = raw.split("?");
    for (const r of routes) {
        const m = r.regex.exec(path);
        if (!m) {
            continue;
        }
        const params = {};
        r.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
        const searchParams = new URLSearchParams(search);
        const query = Object.fromEntries(searchParams);
        Object.defineProperty(query, "all", { value: (name) => searchParams.getAll(name) });
        return { ...r, path, params, query };
    }
    return null;
}

/** Goes to a hash ("#/collections?collection=posts"); `replace` keeps it out of the history. */
export function navigate(hash, { replace = false } = {}) {
    if (replace) {
        history.replaceState(history.state, "", hash);
        window.dispatchEvent(new HashChangeEvent("hashchange"));
    } else {
        window.location.hash = hash;
    }
}

/** A hash with a query built from an object (empty values left out). */
export function hrefOf(path, query = {}) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== "") {
            params.set(k, v);
        }
    }
    const text = params.toString();
    return path + (text ? "?" + text : "");
}

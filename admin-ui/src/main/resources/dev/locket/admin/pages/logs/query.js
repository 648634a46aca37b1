// The logs' vocabulary: level names (slog's) and the filter a search box text becomes.

/** slog's levels, as the server writes them. */
export const LEVELS = [
    { level: -4, label: "DEBUG", kind: "debug" },
    { level: 0, label: "INFO", kind: "info" },
    { level: 4, label: "WARN", kind: "warn" },
    { level: 8, label: "ERROR", kind: "error" },
];

/** {label, kind} of a level; levels between the named ones take the name below them. */
export function levelOf(level) {
    const n = Number(level);
    let found = null;
    for (const l of LEVELS) {
        if (n >= l.level) {
            found = l;
        }
    }
    return { label: found?.label || "DEBUG", kind: found?.kind || "debug", exact: found?.level === n };
}

/** The default that leaves out the dashboard's own traffic (as upstream's logs page). */
export const WITHOUT_SUPERUSERS = "data.auth!='_superusers'";

/** A string literal of the filter language, quoted as the JS SDK's pb.filter() quotes one. */
export function quote(text) {
    return "'" + String(text).replace(/'/g, "\\'") + "'";
}

/**
 * What the search box holds as a filter: a filter expression is kept as typed (errors come back from the server);
 * plain words search the level, message and data.
 */
export function searchFilter(text) {
    const term = String(text || "").trim();
    if (!term || /[=~<>]/.test(term)) {
        return term;
    }
    const value = /^[-+]?\d+(\.\d+)?$/.test(term) || term === "true" || term === "false"
        ? term : term.replace(/^["'`]|["'`]$/g, "");
    return ["level", "message", "data"].map((f) => `${f}?~${quote(value)}`).join("||");
}

/** The API's date text ("2024-05-01 10:00:00.000Z") of a time in ms. */
export function apiDate(ms) {
    return new Date(ms).toISOString().replace("T", " ");
}

/** Joins filter parts with &&, each in parentheses. */
export function allOf(parts) {
    return parts.filter(Boolean).map((p) => "(" + p + ")").join("&&");
}

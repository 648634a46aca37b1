// The collection editor's draft and what it sends: the payload the API wants, path updates, the confirmation
// of changes that move or lose data, and the confirmed truncate and delete calls.

import { api } from "../../core/api.js";
import { showError } from "../../core/errors.js";
import { confirmDialog } from "../../ui/dialog.js";
import { toast } from "../../ui/toasts.js";
import { collections } from "./store.js";

let keys = 0;
/** A client-only key per field for rendering (fields without an id are new). Stripped before saving. */
export const withKey = (f) => ({ ...f, _key: "k" + ++keys });

/** The collection as the API wants it: removed fields left out, client-only keys stripped. */
export function payloadOf(draft) {
    const out = structuredClone(draft);
    out.fields = (out.fields || []).filter((f) => !f._removed).map(({ _key, _removed, _open, ...f }) => f);
    if (out.type === "view") {
        delete out.fields; // inferred from the query by the server
        delete out.indexes;
    }
    for (const p of out.oauth2?.providers || []) {
        if (p.clientSecret === undefined || p.clientSecret === "") {
            delete p.clientSecret; // upstream keeps the stored secret when none is sent
        }
    }
    return out;
}

export function setPath(obj, path, value) {
    const keysOf = path.split(".");
    const copy = structuredClone(obj);
    let node = copy;
    for (const k of keysOf.slice(0, -1)) {
        node[k] = node[k] && typeof node[k] === "object" ? node[k] : {};
        node = node[k];
    }
    node[keysOf.at(-1)] = value;
    return copy;
}

/**
 * Asks before saving changes that rename the collection (its API paths change) or rename or remove fields
 * (renamed ones keep their data, removed ones lose it); true when there is nothing to ask or the user agreed.
 */
export async function confirmChanges(original, draft, body) {
    const removed = draft.fields.filter((f) => f._removed && f.id).map((f) => f.name);
    const renamed = original.name !== body.name;
    const renamedFields = (body.fields || []).filter((f) => {
        const before = original.fields.find((o) => o.id && o.id === f.id);
        return before && before.name !== f.name;
    }).map((f) => original.fields.find((o) => o.id === f.id).name + " → " + f.name);
    if (!removed.length && !renamed && !renamedFields.length) {
        return true;
    }
    const parts = [];
    if (renamed) parts.push(`The collection is renamed ${original.name} → ${body.name}: API paths and rules using the old name change.`);
    if (renamedFields.length) parts.push("Renamed fields keep their data: " + renamedFields.join(", ") + ".");
    if (removed.length) parts.push("Removed fields lose their data: " + removed.join(", ") + ".");
    return confirmDialog({ heading: "Apply these changes?", message: parts.join(" "),
        confirmText: "Save", danger: removed.length > 0 });
}

/** Deletes every record of a collection after a confirmation; true when done. */
export async function truncateCollection(c) {
    if (!(await confirmDialog({ heading: "Delete all records of " + c.name + "?",
        message: "Every record of " + c.name + " and its files are deleted (relations with cascade delete follow). This cannot be undone.",
        confirmText: "Delete all records", danger: true }))) {
        return false;
    }
    try {
        await api.send("/api/collections/" + encodeURIComponent(c.id) + "/truncate", { method: "DELETE" });
        toast.success("Deleted all records of " + c.name + ".");
        return true;
    } catch (err) {
        showError(err);
        return false;
    }
}

/** Deletes a collection after a confirmation; true when done. */
export async function deleteCollection(c) {
    if (!(await confirmDialog({ heading: "Delete " + c.name + "?",
        message: "The collection, all its records and files are deleted. This cannot be undone.",
        confirmText: "Delete collection", danger: true }))) {
        return false;
    }
    try {
        await api.send("/api/collections/" + encodeURIComponent(c.id), { method: "DELETE" });
        toast.clear();
        toast.success("Deleted " + c.name + ".");
        collections.replace(c, { removed: true });
        return true;
    } catch (err) {
        showError(err);
        return false;
    }
}

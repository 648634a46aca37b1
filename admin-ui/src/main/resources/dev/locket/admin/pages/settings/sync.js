// Export and import of the collections' configuration: the current collections as the export writes them, and
// what an import would change (added, changed and deleted collections and fields), matched as the server
// matches them (by id, else by name).

import { api } from "../../core/api.js";

const PER_PAGE = 500;
const TYPE_ORDER = { auth: 0, base: 1, view: 2 };

/**
 * Every collection, prepared for export: without the timestamps and the OAuth2 providers (their secrets are not
 * in the answer, and an import keeps the stored ones), auth first and views last so an import can resolve them.
 */
export async function exportableCollections() {
    const all = [];
    for (let page = 1; ; page++) {
        const list = await api.send("/api/collections", { query: { page, perPage: PER_PAGE, skipTotal: 1 } });
        const items = list?.items || [];
        all.push(...items);
        if (items.length < PER_PAGE) {
            break;
        }
    }
    for (const c of all) {
        delete c.created;
        delete c.updated;
        if (c.oauth2) {
            delete c.oauth2.providers;
        }
    }
    return all.map((c, i) => [c, i])
        .sort(([a, ia], [b, ib]) => ((TYPE_ORDER[a.type] ?? 1) - (TYPE_ORDER[b.type] ?? 1)) || ia - ib)
        .map(([c]) => c);
}

/**
 * The collections in an import text: {collections} when it is a non-empty JSON array of objects that each have a
 * name, else {error} saying what is wrong. Timestamps are dropped (they are not imported).
 */
export function parseImport(text) {
    if (!String(text || "").trim()) {
        return { error: "" };
    }
    let data;
    try {
        data = JSON.parse(text);
    } catch (err) {
        return { error: "This is not valid JSON: " + err.message };
    }
    if (!Array.isArray(data) || data.length === 0) {
        return { error: "Expected a JSON array of collections, as the export writes it." };
    }
    const bad = data.findIndex((c) => !c || typeof c !== "object" || Array.isArray(c) || !c.name);
    if (bad >= 0) {
        return { error: `Item ${bad + 1} is not a collection with a name.` };
    }
    return { collections: data.map(({ created, updated, ...rest }) => rest) };
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The properties that differ between two objects ([{prop, before, after}]), ignoring `skip`. `keepMissing`: a key
 * `after` leaves out keeps its value (a collection's own keys: the server decodes the import onto the stored
 * collection), otherwise it becomes empty (a field's options: fields are decoded afresh).
 */
function changedProps(before, after, { skip = [], keepMissing = false } = {}) {
    const props = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
    const out = [];
    for (const prop of props) {
        if (skip.includes(prop) || (keepMissing && !(prop in (after || {})))) {
            continue;
        }
        if (!same(before?.[prop], after?.[prop])) {
            out.push({ prop, before: before?.[prop], after: after?.[prop] });
        }
    }
    return out;
}

/** A field's match among the stored ones: by id, else by name (the server keeps a same-named field's data). */
function findIn(list, item) {
    return (item.id && list.find((c) => c.id === item.id)) || list.find((c) => c.name === item.name) || null;
}

/** A collection's match, as the server looks it up: by its id (or a name equal to it), without an id by name. */
function findCollection(list, item) {
    const key = item.id || item.name;
    return list.find((c) => c.id === key) || list.find((c) => c.name === key) || null;
}

/**
 * Collections of the import that carry another id than the stored collection of the same name (an export of
 * another instance): the server would add them as new ones and fail on the taken name.
 */
export function idConflicts(current, incoming) {
    return incoming.filter((c) => c.id && !findCollection(current, c)
        && current.some((old) => old.name === c.name && old.id !== c.id));
}

/**
 * The import with the stored ids put in for collections and fields that match by name, and the relations and index
 * names that used the old ids rewritten, so it updates the stored collections instead of clashing with them.
 */
export function adoptStoredIds(current, incoming) {
    const out = structuredClone(incoming);
    const renamed = new Map();
    for (const c of out) {
        const old = current.find((o) => o.name === c.name);
        if (!old) {
            continue;
        }
        if (c.id && c.id !== old.id) {
            renamed.set(c.id, old.id);
        }
        c.id = old.id;
        for (const f of Array.isArray(c.fields) ? c.fields : []) {
            const oldField = (old.fields || []).find((o) => o.name === f.name);
            if (oldField?.id) {
                f.id = oldField.id;
            }
        }
    }
    for (const c of out) {
        for (const f of Array.isArray(c.fields) ? c.fields : []) {
            if (f.collectionId && renamed.has(f.collectionId)) {
                f.collectionId = renamed.get(f.collectionId);
            }
        }
        if (Array.isArray(c.indexes)) {
            c.indexes = c.indexes.map((sql) => [...renamed].reduce((text, [from, to]) => text.replaceAll(from, to), sql));
        }
    }
    return out;
}

/** What the fields of a changed collection become: {added, removed, changed: [{field, props}]}. */
function fieldChanges(oldFields, newFields, deleteMissing) {
    const before = Array.isArray(oldFields) ? oldFields : [];
    const after = Array.isArray(newFields) ? newFields : [];
    const added = [];
    const changed = [];
    const matched = new Set();
    for (const f of after) {
        const old = findIn(before, f);
        if (!old) {
            added.push(f);
            continue;
        }
        matched.add(old);
        const props = changedProps(old, f, { skip: ["id"] });
        if (props.length) {
            changed.push({ field: f, props });
        }
    }
    // without deleteMissing the server keeps the fields an import leaves out; system fields always stay
    const removed = deleteMissing ? before.filter((f) => !matched.has(f) && !f.system) : [];
    return { added, removed, changed };
}

/**
 * The changes of importing `incoming` over `current`: {added: [collection], changed: [{collection, old, props,
 * fields}], deleted: [collection], unchanged: n}. With `deleteMissing`, collections (except system ones) and fields
 * the import leaves out are deleted.
 */
export function importDiff(current, incoming, deleteMissing) {
    const added = [];
    const changed = [];
    const matched = new Set();
    let unchanged = 0;
    for (const c of incoming) {
        const old = findCollection(current, c);
        if (!old) {
            added.push(c);
            continue;
        }
        matched.add(old);
        const props = changedProps(old, c, { skip: ["id", "fields", "created", "updated"], keepMissing: true });
        const fields = fieldChanges(old.fields, c.fields, deleteMissing);
        if (props.length || fields.added.length || fields.removed.length || fields.changed.length) {
            changed.push({ collection: c, old, props, fields });
        } else {
            unchanged++;
        }
    }
    const deleted = deleteMissing ? current.filter((c) => !matched.has(c) && !c.system) : [];
    return { added, changed, deleted, unchanged };
}

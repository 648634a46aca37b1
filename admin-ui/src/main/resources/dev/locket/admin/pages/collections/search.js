// What a search box sends as `filter`: an expression of the filter language is sent as typed; plain words
// become "any searchable field contains them", the way upstream's dashboard treats a search term.

const OPERATORS = ["=", "~", ">", "<"];
const SEARCHABLE = new Set(["text", "email", "url", "editor", "select", "json", "number", "relation", "file"]);

/** A filter string literal: single quotes, with quotes and backslashes escaped. */
export function quote(text) {
    return "'" + String(text).replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

export function searchFilter(term, collection) {
    const text = String(term || "").trim();
    if (!text) {
        return "";
    }
    if (OPERATORS.some((op) => text.includes(op))) {
        return text;
    }
    const fields = (collection?.fields || []).filter((f) => !f.hidden && SEARCHABLE.has(f.type)).map((f) => f.name);
    if (fields.length === 0) {
        return "id ~ " + quote(text);
    }
    const word = text.replace(/^["'`]|["'`]$/g, "");
    return fields.map((name) => `${name} ?~ ${quote(word)}`).join(" || ");
}

// A collection's indexes: the API keeps them as CREATE INDEX statements. These helpers read one into
// {unique, name, table, columns, where} and write it back, so the editor can offer a column picker and a
// "unique" box while the SQL stays editable by hand.

import { html, nothing } from "lit";
import { checkboxField, field, textareaField } from "../../ui/field.js";
import { randomId } from "./format.js";

const INDEX = /^\s*CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?([`"[]?[\w.]+[`"\]]?)\s+ON\s+([`"[]?\w+[`"\]]?)\s*\(([\s\S]*)\)\s*(?:WHERE\s+([\s\S]*))?;?\s*$/i;

const unquote = (s) => String(s || "").replace(/^[`"[]|[`"\]]$/g, "");

/** Splits on commas outside parentheses. */
function splitColumns(text) {
    const out = [];
    let depth = 0;
    let current = "";
    for (const ch of text) {
        if (ch === "(") depth++;
        if (ch === ")") depth--;
        if (ch === "," && depth === 0) {
            out.push(current.trim());
            current = "";
        } else {
            current += ch;
        }
    }
    if (current.trim()) {
        out.push(current.trim());
    }
    return out;
}

/** {unique, name, table, columns: [{name, rest}], where} or null when the statement is not a plain index. */
export function parseIndex(sql) {
    const m = INDEX.exec(String(sql || ""));
    if (!m) {
        return null;
    }
    const columns = splitColumns(m[4]).map((c) => {
        const cm = /^([`"[]?\w+[`"\]]?)([\s\S]*)$/.exec(c);
        return cm ? { name: unquote(cm[1]), rest: cm[2] } : { name: c, rest: "" };
    });
    return { unique: !!m[1], name: unquote(m[2]), table: unquote(m[3]), columns, where: (m[5] || "").trim() };
}

export function buildIndex({ unique, name, table, columns, where }) {
    const cols = columns.map((c) => (/^\w+$/.test(c.name) ? "`" + c.name + "`" : c.name) + (c.rest || "")).join(", ");
    return `CREATE ${unique ? "UNIQUE " : ""}INDEX \`${name}\` ON \`${table}\` (${cols})${where ? " WHERE " + where : ""}`;
}

/** Renames a column in an index statement (a field was renamed); other statements are kept as they are. */
export function renameIndexColumn(sql, from, to) {
    const parsed = parseIndex(sql);
    if (!parsed || !from || from === to || !parsed.columns.some((c) => c.name === from)) {
        return sql;
    }
    parsed.columns = parsed.columns.map((c) => (c.name === from ? { ...c, name: to } : c));
    return buildIndex(parsed);
}

/** Drops a column from index statements; an index left with no column is dropped too. */
export function withoutColumn(indexes, column) {
    return indexes.flatMap((sql) => {
        const parsed = parseIndex(sql);
        if (!parsed || !parsed.columns.some((c) => c.name === column)) {
            return [sql];
        }
        parsed.columns = parsed.columns.filter((c) => c.name !== column);
        return parsed.columns.length ? [buildIndex(parsed)] : [];
    });
}

export function newIndexSql(table) {
    return `CREATE INDEX \`idx_${randomId(8)}\` ON \`${table || "table"}\` ()`;
}

/**
 * The body of the index dialog: unique box, column picker (the collection's fields) and the SQL itself.
 * `ctx`: { sql, columns (field names), error, set(sql) }.
 */
export function indexForm(ctx) {
    const parsed = parseIndex(ctx.sql);
    const chosen = new Set(parsed?.columns.map((c) => c.name) || []);
    const toggle = (name, on) => {
        const p = parsed || { unique: false, name: "idx_" + randomId(8), table: "", columns: [], where: "" };
        p.columns = on ? [...p.columns, { name, rest: "" }] : p.columns.filter((c) => c.name !== name);
        ctx.set(buildIndex(p));
    };
    return html`
      <div class="stack">
        ${parsed ? html`
          ${checkboxField({ id: "index-unique", label: "Unique (no two records may share these values)", checked: parsed.unique,
              onchange: (e) => ctx.set(buildIndex({ ...parsed, unique: e.target.checked })) })}
          <fieldset class="choices">
            <legend>Columns</legend>
            ${ctx.columns.map((name) => checkboxField({ id: "index-col-" + name, label: name, checked: chosen.has(name),
                onchange: (e) => toggle(name, e.target.checked) }))}
          </fieldset>
          ${field({ id: "index-where", label: "Only rows where (optional)", value: parsed.where, placeholder: "`email` != ''",
              onchange: (e) => ctx.set(buildIndex({ ...parsed, where: e.target.value.trim() })) })}`
        : html`<p class="alert warning">The statement below is not a plain CREATE INDEX; edit it by hand.</p>`}
        ${textareaField({ id: "index-sql", label: "SQL", value: ctx.sql, rows: 3, error: ctx.error,
            oninput: (e) => ctx.set(e.target.value) })}
        ${nothing}
      </div>`;
}

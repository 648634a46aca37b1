// Small conversions this area shares: dates between the API's UTC text and <input type="datetime-local">,
// file URLs, short record labels, lists typed as comma-separated text, clipboard copies.

import { api } from "../../core/api.js";
import { toast } from "../../ui/toasts.js";

/** "2024-05-01 10:20:30.123Z" → "2024-05-01T10:20:30" (UTC, for a datetime-local input); "" stays "". */
export function toInputDate(value) {
    const text = String(value || "").trim();
    if (!text) {
        return "";
    }
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)/.exec(text);
    return m ? m[1] + "T" + (m[2].length === 5 ? m[2] + ":00" : m[2]) : "";
}

/** The reverse of toInputDate: a datetime-local value read as UTC → the API's "YYYY-MM-DD HH:MM:SS.000Z". */
export function fromInputDate(value) {
    const text = String(value || "").trim();
    if (!text) {
        return "";
    }
    const [date, time = "00:00:00"] = text.split("T");
    return date + " " + (time.length === 5 ? time + ":00" : time.slice(0, 8)) + ".000Z";
}

/** A date of the API shown shortly: "2024-05-01 10:20:30 UTC". */
export function shortDate(value) {
    const text = String(value || "");
    return text ? text.replace(/\.\d+Z$/, "").replace(/Z$/, "") + " UTC" : "";
}

/** "a, b ,c" → ["a","b","c"] (empty parts dropped). */
export function splitList(text) {
    return String(text || "").split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}

export function joinList(list) {
    return (list || []).join(", ");
}

/** As an array: null/"" → [], a value → [value]. */
export function toArray(value) {
    if (Array.isArray(value)) {
        return value;
    }
    return value === undefined || value === null || value === "" ? [] : [value];
}

const IMAGE = /\.(jpe?g|png|gif|webp|svg|avif|bmp|ico)$/i;

export function isImage(name) {
    return IMAGE.test(String(name || ""));
}

/** The URL of a stored file (optionally a thumb "100x100"; `token` for protected files). */
export function fileUrl(record, filename, { thumb, token, download } = {}) {
    const path = "/api/files/" + encodeURIComponent(record.collectionId || record.collectionName) + "/"
        + encodeURIComponent(record.id) + "/" + encodeURIComponent(filename);
    return api.url(path, { thumb, token, download: download ? 1 : undefined });
}

/** A short-lived token for protected files (POST /api/files/token), cached for a minute. */
let fileToken = { value: "", until: 0 };
export async function protectedFileToken() {
    if (fileToken.until > Date.now()) {
        return fileToken.value;
    }
    const result = await api.send("/api/files/token", { method: "POST" });
    fileToken = { value: result?.token || "", until: Date.now() + 60_000 };
    return fileToken.value;
}

/** The names upstream falls back on when a collection marks no field presentable. */
const FALLBACK_LABELS = ["title", "name", "slug", "email", "username", "label", "heading", "key", "identifier"];

/** A record's short label: its presentable fields, else a common name-like field, else its id. */
export function recordLabel(record, collection) {
    if (!record) {
        return "";
    }
    const fields = collection?.fields || [];
    const presentable = fields.filter((f) => f.presentable && f.type !== "file" && !f.hidden)
        .map((f) => record[f.name]).flat().filter((v) => v !== undefined && v !== null && v !== "");
    if (presentable.length) {
        return presentable.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
    }
    for (const name of FALLBACK_LABELS) {
        if (record[name]) {
            return String(record[name]);
        }
    }
    return record.id;
}

/** Plain text of an HTML value (editor fields) for table cells. */
export function htmlToText(value) {
    const doc = new DOMParser().parseFromString(String(value || ""), "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
}

/** Cuts text to `max` characters with an ellipsis. */
export function excerpt(text, max = 80) {
    const s = String(text ?? "");
    return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

/** Copies text to the clipboard and says so (with a fallback where the Clipboard API is not allowed). */
export async function copyText(text, what = "Copied") {
    try {
        await navigator.clipboard.writeText(text);
    } catch {
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("aria-hidden", "true");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.append(area);
        area.select();
        document.execCommand("copy");
        area.remove();
    }
    toast.success(what + " to the clipboard.", 2500);
}

/** A random suffix for ids of new things (index names). */
export function randomId(length = 6) {
    const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    return Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => chars[b % chars.length]).join("");
}

// Display formats shared by the pages: sizes and the API's dates ("2024-05-01 10:15:00.000Z", UTC).

/** 1536 → "1.5 KB" */
export function formatBytes(bytes) {
    const n = Number(bytes) || 0;
    if (n < 1024) {
        return n + " B";
    }
    const units = ["KB", "MB", "GB", "TB"];
    let value = n;
    let unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10) + " " + units[unit];
}

/** An API date as a Date (null when empty or unreadable). */
export function parseDate(text) {
    if (!text) {
        return null;
    }
    const date = new Date(String(text).replace(" ", "T"));
    return Number.isNaN(date.getTime()) ? null : date;
}

/** An API date in the reader's time zone, e.g. "2024-05-01 12:15:00" (seconds optional). */
export function formatDate(text, { seconds = true } = {}) {
    const date = parseDate(text);
    return date ? formatLocal(date, { seconds }) : text || "";
}

/** A Date in the reader's time zone, e.g. "2024-05-01 12:15:00". */
export function formatLocal(date, { seconds = true } = {}) {
    const pad = (v) => String(v).padStart(2, "0");
    const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    const time = `${pad(date.getHours())}:${pad(date.getMinutes())}` + (seconds ? ":" + pad(date.getSeconds()) : "");
    return day + " " + time;
}

// How API errors reach the user: the message as a toast, each field's message next to its input.

import { api } from "./api.js";
import { toast } from "../ui/toasts.js";

/** The field errors of a failed call ({name: {code, message}}); {} for anything else. */
export function fieldErrors(err) {
    return err?.data && typeof err.data === "object" ? err.data : {};
}

/** The message at a dotted path of field errors ("options.query"), or "". */
export function errorAt(errors, path) {
    let node = errors;
    for (const key of String(path).split(".")) {
        node = node && typeof node === "object" ? node[key] : undefined;
    }
    if (typeof node === "string") {
        return node;
    }
    return node && typeof node.message === "string" ? node.message : "";
}

/**
 * Shows a failed call's message as an error toast (aborted calls stay silent). A 401 means the session is
 * gone: it is cleared, and the router sends the user to the login page.
 */
export function showError(err, { toast: withToast = true } = {}) {
    if (!err || err.isAbort) {
        return;
    }
    if (withToast) {
        toast.error(err.message || "Something went wrong.");
    }
    if (err.status === 401 && api.authStore.token && !location.hash.startsWith("#/login")) {
        api.authStore.clear();
    }
    if (!err.status) {
        console.error(err);
    }
}

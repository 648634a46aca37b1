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

/**
 * Runs a form's API call the one way every form and dialog does: a second submit while one runs is ignored,
 * `host[busy]` is set for the spinner, `host[errors]` is cleared, and on failure it takes the answer's field
 * errors (`data.<field>.message`, which the inputs show next to themselves through errorAt) while the message
 * goes to a toast. Resolves to true when the call succeeded.
 */
export async function submitting(host, call, { busy = "busy", errors = "errors", toast: withToast = true } = {}) {
    if (host[busy]) {
        return false;
    }
    host[busy] = true;
    host[errors] = {};
    try {
        await call();
        return true;
    } catch (err) {
        host[errors] = fieldErrors(err);
        showError(err, { toast: withToast });
        return false;
    } finally {
        host[busy] = false;
    }
}

/** Runs a page's loading call with `host.loading` set meanwhile; a failure is shown as a toast. */
export async function whileLoading(host, call) {
    host.loading = true;
    try {
        await call();
    } catch (err) {
        showError(err);
    } finally {
        host.loading = false;
    }
}

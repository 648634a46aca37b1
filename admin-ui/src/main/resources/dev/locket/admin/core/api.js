// A small client of the public HTTP API that sends the same requests as the official JS SDK
// (npm "pocketbase"; no WebJar of it exists, and the project has no Node build step to bundle it).
// Every call goes through Api.send; record and auth calls live on api.collection(name).

import { AuthStore, MemoryAuthStore } from "./auth.js";

/** A failed API call: `status` (0 for network errors), `response` (the JSON body), `data` (field errors). */
export class ApiError extends Error {
    constructor(status, response, cause) {
        const body = response && typeof response === "object" ? response : {};
        super(body.message || (status === 0 ? "Failed to reach the server." : "Something went wrong."));
        this.name = "ApiError";
        this.status = status;
        this.response = body;
        this.isAbort = cause?.name === "AbortError";
        this.cause = cause;
    }

    /** The field errors, shaped {field: {code, message}} (nested for nested fields). */
    get data() {
        const data = this.response.data;
        return data && typeof data === "object" ? data : {};
    }
}

/** The API base: the dashboard is served at <base>/_/, the API at <base>/api/. */
function defaultBaseUrl() {
    return new URL("../", document.baseURI).href.replace(/\/$/, "");
}

function queryString(query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query || {})) {
        if (value === undefined || value === null || value === "") {
            continue;
        }
        for (const v of Array.isArray(value) ? value : [value]) {
            params.append(key, typeof v === "object" ? JSON.stringify(v) : String(v));
        }
    }
    const text = params.toString();
    return text ? "?" + text : "";
}

export class Api {
    constructor(baseUrl = defaultBaseUrl(), authStore = new AuthStore()) {
        this.baseUrl = baseUrl;
        this.authStore = authStore;
    }

    /** A client for the same server without the superuser's session (public landing pages). */
    guest() {
        return new Api(this.baseUrl, new MemoryAuthStore());
    }

    /** An absolute URL of an API path ("/api/…"), with an optional query object. */
    url(path, query) {
        return this.baseUrl + (path.startsWith("/") ? path : "/" + path) + queryString(query);
    }

    /**
     * Sends one request and resolves to the parsed JSON body (null when there is none).
     * `body` may be a plain object (sent as JSON) or FormData (multipart, for files).
     * `headers.Authorization` overrides the stored session's token (the installer passes its own).
     */
    async send(path, { method = "GET", query, body, headers = {}, signal } = {}) {
        const h = { "Accept-Language": navigator.language || "en-US", ...headers };
        if (h.Authorization === undefined && this.authStore.token) {
            h.Authorization = this.authStore.token;
        }
        let payload = body;
        if (body !== undefined && !(body instanceof FormData) && typeof body !== "string") {
            h["Content-Type"] = "application/json";
            payload = JSON.stringify(body);
        }
        let response;
        try {
            response = await fetch(this.url(path, query), { method, headers: h, body: payload, signal });
        } catch (err) {
            throw new ApiError(0, {}, err);
        }
        let data = null;
        const text = await response.text();
        if (text) {
            try {
                data = JSON.parse(text);
            } catch {
                data = null;
            }
        }
        if (response.status >= 400) {
            throw new ApiError(response.status, data);
        }
        return data;
    }

    collection(idOrName) {
        return new CollectionApi(this, idOrName);
    }

    health() {
        return this.send("/api/health");
    }
}

/** Record CRUD and the auth flows of one collection, as the SDK's RecordService. */
export class CollectionApi {
    constructor(api, idOrName) {
        this.api = api;
        this.path = "/api/collections/" + encodeURIComponent(idOrName);
    }

    /**
     * One page of records. `options`: filter, sort, expand, fields, skipTotal (pass true where no total
     * is shown: it saves the server a COUNT over the whole collection), signal.
     */
    getList(page = 1, perPage = 30, { signal, ...query } = {}) {
        return this.api.send(this.path + "/records", { query: { page, perPage, ...query }, signal });
    }

    getOne(id, { signal, ...query } = {}) {
        return this.api.send(this.path + "/records/" + encodeURIComponent(id), { query, signal });
    }

    create(body, { headers, ...query } = {}) {
        return this.api.send(this.path + "/records", { method: "POST", body, query, headers });
    }

    update(id, body, { headers, ...query } = {}) {
        return this.api.send(this.path + "/records/" + encodeURIComponent(id), {
            method: "PATCH", body, query, headers,
        });
    }

    delete(id) {
        return this.api.send(this.path + "/records/" + encodeURIComponent(id), { method: "DELETE" });
    }

    listAuthMethods() {
        // the SDK asks for these fields only (it leaves out the pre-v0.23 ones)
        return this.api.send(this.path + "/auth-methods", { query: { fields: "mfa,otp,password,oauth2" } });
    }

    async authWithPassword(identity, password) {
        return this.#saveAuth(await this.api.send(this.path + "/auth-with-password", {
            method: "POST", body: { identity, password },
        }));
    }

    requestOtp(email) {
        return this.api.send(this.path + "/request-otp", { method: "POST", body: { email } });
    }

    /** `mfaId`: the id of the first factor's 401 answer, sent as the SDK sends it (query). */
    async authWithOtp(otpId, password, { mfaId } = {}) {
        return this.#saveAuth(await this.api.send(this.path + "/auth-with-otp", {
            method: "POST", body: { otpId, password }, query: { mfaId },
        }));
    }

    async authRefresh() {
        return this.#saveAuth(await this.api.send(this.path + "/auth-refresh", { method: "POST" }));
    }

    requestPasswordReset(email) {
        return this.api.send(this.path + "/request-password-reset", { method: "POST", body: { email } });
    }

    confirmPasswordReset(token, password, passwordConfirm) {
        return this.api.send(this.path + "/confirm-password-reset", {
            method: "POST", body: { token, password, passwordConfirm },
        });
    }

    requestVerification(email) {
        return this.api.send(this.path + "/request-verification", { method: "POST", body: { email } });
    }

    confirmVerification(token) {
        return this.api.send(this.path + "/confirm-verification", { method: "POST", body: { token } });
    }

    confirmEmailChange(token, password) {
        return this.api.send(this.path + "/confirm-email-change", { method: "POST", body: { token, password } });
    }

    #saveAuth(data) {
        this.api.authStore.save(data?.token, data?.record);
        return data;
    }
}

/** The dashboard's client: the superuser session in localStorage. */
export const api = new Api();

// The S3 options shared by file storage (settings.s3) and backups (settings.backups.s3), and the connection
// test. The test (POST /api/settings/test/s3) checks the saved configuration, so it waits for a save.

import { html, nothing } from "lit";
import { api } from "../../core/api.js";

/** The S3 inputs of `page` (a SettingsForm) at `path` ("s3" or "backups.s3"); shown when enabled. */
export function s3Fields(page, path) {
    if (!page.get(path + ".enabled")) {
        return nothing;
    }
    return html`
      <div class="form-grid">
        ${page.text(path + ".endpoint", { label: "Endpoint", required: true, placeholder: "https://s3.example.com" })}
        ${page.text(path + ".bucket", { label: "Bucket", required: true })}
        ${page.text(path + ".region", { label: "Region", required: true })}
        ${page.text(path + ".accessKey", { label: "Access key", required: true, autocomplete: "off" })}
        ${page.secret(path + ".secret", { label: "Secret", required: false })}
      </div>
      ${page.check(path + ".forcePathStyle", { label: "Force path-style addressing",
          help: "Needed by some S3-compatible servers (MinIO, S3Proxy) that do not support virtual-hosted buckets." })}`;
}

/**
 * Runs the connection test of `filesystem` ("storage" or "backups") and resolves to {ok, message}. Errors of the
 * test are its answer, not a failure of the page, so they are returned rather than toasted.
 */
export async function testS3(filesystem) {
    try {
        await api.send("/api/settings/test/s3", { method: "POST", body: { filesystem } });
        return { ok: true, message: "The connection works: a test file was written and deleted." };
    } catch (err) {
        const detail = err.data?.filesystem?.message;
        return { ok: false, message: [err.message, detail].filter(Boolean).join(" ") };
    }
}

/** The test button and its result; `state`: {busy, result} kept by the page. */
export function s3TestControl({ id, state, disabled, onTest }) {
    return html`
      <div class="row s3-test">
        <button type="button" id=${id} class="btn" ?disabled=${disabled || state.busy}
                aria-busy=${state.busy ? "true" : "false"} @click=${onTest}>Test connection</button>
        ${disabled ? html`<span class="field-help">Save the changes to test them.</span>` : nothing}
      </div>
      <div role="status" aria-live="polite">
        ${state.result ? html`<p class="alert ${state.result.ok ? "success" : "danger"} s3-test-result">
          ${state.result.message}</p>` : nothing}
      </div>`;
}

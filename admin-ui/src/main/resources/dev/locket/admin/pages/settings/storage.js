// #/settings/storage: uploaded files on the local disk (pb_data/storage) or in an S3 bucket.

import { html, nothing } from "lit";
import { loadingBlock, settingsFrame } from "./frame.js";
import { s3Fields, s3TestControl, testS3 } from "./s3.js";
import { SettingsForm } from "./settings-form.js";

class StorageSettingsPage extends SettingsForm {
    static keys = ["s3"];
    static secrets = ["s3.secret"];
    static idPrefix = "storage";
    static properties = { ...SettingsForm.properties, probe: { state: true } };

    constructor() {
        super();
        this.savedMessage = "File storage settings saved.";
        this.probe = { busy: false, result: null };
    }

    render() {
        const content = this.loading || !this.form ? loadingBlock() : html`
          <form class="stack settings-form" @submit=${(e) => this.save(e)} novalidate>
            <section class="card stack" aria-labelledby="storage-where">
              <h2 id="storage-where">Where uploaded files go</h2>
              <p class="muted">By default files are kept in <code>pb_data/storage</code> on this machine.</p>
              ${this.check("s3.enabled", { label: "Use S3-compatible storage" })}
              ${this.get("s3.enabled") !== !!JSON.parse(this.initial)?.s3?.enabled ? html`<p class="alert warning">
                Files already uploaded are not moved: copy them to the new storage yourself.</p>` : nothing}
              ${s3Fields(this, "s3")}
            </section>
            <div class="form-actions">
              ${this.settings?.s3?.enabled ? s3TestControl({ id: "storage-test", state: this.probe,
                  disabled: this.hasChanges, onTest: () => this.#test() }) : nothing}
              <span class="grow"></span>
              ${this.formActions()}
            </div>
          </form>`;
        return settingsFrame(this.route, "File storage", content);
    }

    afterSave() {
        this.probe = { busy: false, result: null };
    }

    async #test() {
        this.probe = { busy: true, result: null };
        this.probe = { busy: false, result: await testS3("storage") };
    }
}
customElements.define("lk-storage-settings-page", StorageSettingsPage);

package dev.locket;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.BatchRequestEvent;
import dev.locket.application.hook.CollectionRequestEvent;
import dev.locket.application.hook.CollectionsImportRequestEvent;
import dev.locket.application.hook.CollectionsListRequestEvent;
import dev.locket.application.hook.FileDownloadRequestEvent;
import dev.locket.application.hook.FileTokenRequestEvent;
import dev.locket.application.hook.RecordAuthFlowRequestEvent;
import dev.locket.application.hook.RecordAuthRequestEvent;
import dev.locket.application.hook.RecordAuthWithOAuth2RequestEvent;
import dev.locket.application.hook.RecordAuthWithOtpRequestEvent;
import dev.locket.application.hook.RecordAuthWithPasswordRequestEvent;
import dev.locket.application.hook.RecordCreateOtpRequestEvent;
import dev.locket.application.hook.RecordEmailChangeRequestEvent;
import dev.locket.application.hook.RecordListRequestEvent;
import dev.locket.application.hook.RecordRequestEvent;
import dev.locket.application.hook.RecordUpdateRequestEvent;
import dev.locket.application.hook.SettingsListRequestEvent;
import dev.locket.application.hook.SettingsReloadEvent;
import dev.locket.application.hook.SettingsUpdateRequestEvent;

/**
 * The request hooks of PocketBase's {@code core.App} under their upstream names, on the app itself:
 * {@code app.onRecordCreateRequest("todos").bind(e -> { ...; e.next(); })}. Handlers run by priority, then
 * in binding order; {@code e.next()} continues, not calling it stops the chain (the default action does not
 * run); throwing one of the {@code dev.locket.domain.error} types vetoes with that PocketBase-shaped error;
 * {@code e.json(status, body)} answers with a response of the handler's own. The {@code String...} of the
 * tagged hooks narrows them to collections (ids or names); none means every collection.
 */
public interface RequestHooks {

    /** The registry every hook lives in. */
    Hooks hooks();

    /** Records list request: may change the page answered. */
    default Hook.Tagged<RecordListRequestEvent> onRecordsListRequest(String... collections) {
        return hooks().onRecordsListRequest(collections);
    }

    /** Record view request: may change the record answered. */
    default Hook.Tagged<RecordRequestEvent> onRecordViewRequest(String... collections) {
        return hooks().onRecordViewRequest(collections);
    }

    /** Record create request: may change the record before it is saved, or the one answered after {@code next()}. */
    default Hook.Tagged<RecordRequestEvent> onRecordCreateRequest(String... collections) {
        return hooks().onRecordCreateRequest(collections);
    }

    /** Record update request: may change the record before it is saved, or the one answered after {@code next()}. */
    default Hook.Tagged<RecordUpdateRequestEvent> onRecordUpdateRequest(String... collections) {
        return hooks().onRecordUpdateRequest(collections);
    }

    /** Record delete request: may veto or replace the deletion. */
    default Hook.Tagged<RecordRequestEvent> onRecordDeleteRequest(String... collections) {
        return hooks().onRecordDeleteRequest(collections);
    }

    /** Every successful sign-in (password, OTP, OAuth2, refresh, impersonation): may change the token or record. */
    default Hook.Tagged<RecordAuthRequestEvent> onRecordAuthRequest(String... collections) {
        return hooks().onRecordAuthRequest(collections);
    }

    /** {@code auth-refresh}, before the new token is signed. */
    default Hook.Tagged<RecordAuthFlowRequestEvent> onRecordAuthRefreshRequest(String... collections) {
        return hooks().authRequests().onRecordAuthRefreshRequest(collections);
    }

    /** {@code auth-with-password}: the record may be empty (no identity matched) and may be set. */
    default Hook.Tagged<RecordAuthWithPasswordRequestEvent> onRecordAuthWithPasswordRequest(String... collections) {
        return hooks().authRequests().onRecordAuthWithPasswordRequest(collections);
    }

    /** {@code auth-with-oauth2}, after the code exchange and before the record is created or linked. */
    default Hook.Tagged<RecordAuthWithOAuth2RequestEvent> onRecordAuthWithOAuth2Request(String... collections) {
        return hooks().authRequests().onRecordAuthWithOAuth2Request(collections);
    }

    /** {@code auth-with-otp}, once the OTP matched. */
    default Hook.Tagged<RecordAuthWithOtpRequestEvent> onRecordAuthWithOTPRequest(String... collections) {
        return hooks().authRequests().onRecordAuthWithOTPRequest(collections);
    }

    /** {@code request-otp}: the record may be empty (unknown email); the code may be replaced. */
    default Hook.Tagged<RecordCreateOtpRequestEvent> onRecordRequestOTPRequest(String... collections) {
        return hooks().authRequests().onRecordRequestOTPRequest(collections);
    }

    /** {@code request-password-reset}, before the mail is sent. */
    default Hook.Tagged<RecordAuthFlowRequestEvent> onRecordRequestPasswordResetRequest(String... collections) {
        return hooks().authRequests().onRecordRequestPasswordResetRequest(collections);
    }

    /** {@code confirm-password-reset}, before the new password is saved. */
    default Hook.Tagged<RecordAuthFlowRequestEvent> onRecordConfirmPasswordResetRequest(String... collections) {
        return hooks().authRequests().onRecordConfirmPasswordResetRequest(collections);
    }

    /** {@code request-verification}, before the mail is sent. */
    default Hook.Tagged<RecordAuthFlowRequestEvent> onRecordRequestVerificationRequest(String... collections) {
        return hooks().authRequests().onRecordRequestVerificationRequest(collections);
    }

    /** {@code confirm-verification}, before the record is marked verified. */
    default Hook.Tagged<RecordAuthFlowRequestEvent> onRecordConfirmVerificationRequest(String... collections) {
        return hooks().authRequests().onRecordConfirmVerificationRequest(collections);
    }

    /** {@code request-email-change}, before the confirmation mail is sent. */
    default Hook.Tagged<RecordEmailChangeRequestEvent> onRecordRequestEmailChangeRequest(String... collections) {
        return hooks().authRequests().onRecordRequestEmailChangeRequest(collections);
    }

    /** {@code confirm-email-change}, before the new email is saved. */
    default Hook.Tagged<RecordEmailChangeRequestEvent> onRecordConfirmEmailChangeRequest(String... collections) {
        return hooks().authRequests().onRecordConfirmEmailChangeRequest(collections);
    }

    /** A file download: may change the served file or name, or veto. */
    default Hook.Tagged<FileDownloadRequestEvent> onFileDownloadRequest(String... collections) {
        return hooks().files().onFileDownloadRequest(collections);
    }

    /** {@code POST /api/files/token}: may change the token answered. */
    default Hook.Tagged<FileTokenRequestEvent> onFileTokenRequest(String... collections) {
        return hooks().files().onFileTokenRequest(collections);
    }

    /** {@code GET /api/collections}: may change the page answered. */
    default Hook<CollectionsListRequestEvent> onCollectionsListRequest() {
        return hooks().collectionRequests().onCollectionsListRequest();
    }

    /** {@code GET /api/collections/{collection}}: may change the collection answered. */
    default Hook<CollectionRequestEvent> onCollectionViewRequest() {
        return hooks().collectionRequests().onCollectionViewRequest();
    }

    /** {@code POST /api/collections}: may change the collection before it is validated and saved. */
    default Hook<CollectionRequestEvent> onCollectionCreateRequest() {
        return hooks().collectionRequests().onCollectionCreateRequest();
    }

    /** {@code PATCH /api/collections/{collection}}: may change the collection before it is saved. */
    default Hook<CollectionRequestEvent> onCollectionUpdateRequest() {
        return hooks().collectionRequests().onCollectionUpdateRequest();
    }

    /** {@code DELETE /api/collections/{collection}}: may veto or replace the deletion. */
    default Hook<CollectionRequestEvent> onCollectionDeleteRequest() {
        return hooks().collectionRequests().onCollectionDeleteRequest();
    }

    /** {@code PUT /api/collections/import}: may change the imported collections. */
    default Hook<CollectionsImportRequestEvent> onCollectionsImportRequest() {
        return hooks().collectionRequests().onCollectionsImportRequest();
    }

    /** {@code GET /api/settings}: may change the settings shown. */
    default Hook<SettingsListRequestEvent> onSettingsListRequest() {
        return hooks().settings().onSettingsListRequest();
    }

    /** {@code PATCH /api/settings}: may validate further or change the settings saved. */
    default Hook<SettingsUpdateRequestEvent> onSettingsUpdateRequest() {
        return hooks().settings().onSettingsUpdateRequest();
    }

    /** The settings in force are replaced (load at start, every save); after {@code next()} they are in force. */
    default Hook<SettingsReloadEvent> onSettingsReload() {
        return hooks().settings().onSettingsReload();
    }

    /** {@code POST /api/batch}: may change the sub-requests before they run. */
    default Hook<BatchRequestEvent> onBatchRequest() {
        return hooks().onBatchRequest();
    }
}

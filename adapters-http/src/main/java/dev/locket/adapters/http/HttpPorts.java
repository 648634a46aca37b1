package dev.locket.adapters.http;

import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.BatchRecords;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.domain.error.Forbidden;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The inbound ports the REST API calls, assembled once by the embedding code through {@link #builder()}.
 * The record and auth ports are required; every other feature is optional and says what its absence means:
 * no batch ports answer {@code POST /api/batch} as disabled batching does (403); no auth flows leave those
 * routes out (404) and the rate limiter off; no OAuth2 ports answer as a collection without OAuth2; no file
 * ports make downloads 404 and give uploads no extra allowance; no admin ports leave the admin/ops APIs
 * (settings, crons, SQL console, logs, backups) and the request log out.
 */
public record HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                        UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                        AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate,
                        BatchRecords batchRecords, Optional<AuthFlowPorts> authFlows, OAuth2Ports oauth2,
                        FilePorts files, Optional<AdminPorts> admin) {
    public HttpPorts {
        Objects.requireNonNull(listRecords, "listRecords");
        Objects.requireNonNull(viewRecord, "viewRecord");
        Objects.requireNonNull(createRecord, "createRecord");
        Objects.requireNonNull(updateRecord, "updateRecord");
        Objects.requireNonNull(deleteRecord, "deleteRecord");
        Objects.requireNonNull(collections, "collections");
        Objects.requireNonNull(authWithPassword, "authWithPassword");
        Objects.requireNonNull(authRefresh, "authRefresh");
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(batchRecords, "batchRecords");
        Objects.requireNonNull(authFlows, "authFlows");
        Objects.requireNonNull(oauth2, "oauth2");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(admin, "admin");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the ports; {@link #build()} fails on a missing required one and fills the "feature off" parts. */
    public static final class Builder {
        private ListRecords listRecords;
        private ViewRecord viewRecord;
        private CreateRecord createRecord;
        private UpdateRecord updateRecord;
        private DeleteRecord deleteRecord;
        private ManageCollections collections;
        private AuthWithPassword authWithPassword;
        private AuthRefresh authRefresh;
        private Authenticate authenticate;
        private BatchRecords batch = new NoBatch();
        private AuthFlowPorts authFlows;
        private OAuth2Ports oauth2 = OAuth2Ports.none();
        private FilePorts files = FilePorts.none();
        private AdminPorts admin;

        private Builder() {
        }

        /** The record CRUD use cases (required). */
        public Builder records(ListRecords list, ViewRecord view, CreateRecord create, UpdateRecord update,
                               DeleteRecord delete) {
            this.listRecords = list;
            this.viewRecord = view;
            this.createRecord = create;
            this.updateRecord = update;
            this.deleteRecord = delete;
            return this;
        }

        /** The collection use cases (required). */
        public Builder collections(ManageCollections collections) {
            this.collections = collections;
            return this;
        }

        /** Password login, token refresh and token checks (required). */
        public Builder auth(AuthWithPassword password, AuthRefresh refresh, Authenticate authenticate) {
            this.authWithPassword = password;
            this.authRefresh = refresh;
            this.authenticate = authenticate;
            return this;
        }

        /** {@code POST /api/batch}; without it batching answers as switched off (403). */
        public Builder batch(BatchRecords batch) {
            this.batch = Objects.requireNonNull(batch);
            return this;
        }

        /** The auth flows beyond password login and the rate limiter's inputs; without them those routes 404. */
        public Builder authFlows(AuthFlowPorts authFlows) {
            this.authFlows = Objects.requireNonNull(authFlows);
            return this;
        }

        /** OAuth2 logins and redirects; without them logins answer as for a collection with OAuth2 disabled. */
        public Builder oauth2(OAuth2Ports oauth2) {
            this.oauth2 = Objects.requireNonNull(oauth2);
            return this;
        }

        /** Downloads, file tokens, the S3 test and upload allowances; without them downloads 404. */
        public Builder files(FilePorts files) {
            this.files = Objects.requireNonNull(files);
            return this;
        }

        /** The admin/ops APIs and the request log; without them those routes and the log are left out. */
        public Builder admin(AdminPorts admin) {
            this.admin = Objects.requireNonNull(admin);
            return this;
        }

        public HttpPorts build() {
            return new HttpPorts(listRecords, viewRecord, createRecord, updateRecord, deleteRecord, collections,
                    authWithPassword, authRefresh, authenticate, batch, Optional.ofNullable(authFlows), oauth2,
                    files, Optional.ofNullable(admin));
        }
    }

    /** Batching switched off, as upstream's default settings have it. */
    private static final class NoBatch implements BatchRecords {
        @Override
        public Limits limits() {
            throw new Forbidden(NOT_ALLOWED);
        }

        @Override
        public List<Result> batch(Command command) {
            throw new Forbidden(NOT_ALLOWED);
        }
    }
}

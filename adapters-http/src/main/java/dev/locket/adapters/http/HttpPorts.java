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

/** The inbound ports the REST API calls. */
public record HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                        UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                        AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate,
                        BatchRecords batchRecords, AuthFlowPorts authFlows, OAuth2Ports oauth2, FilePorts files) {
    /** {@code authFlows} may be null: the flow routes then answer 404 (embedders without them). */
    public HttpPorts {
        Objects.requireNonNull(listRecords);
        Objects.requireNonNull(viewRecord);
        Objects.requireNonNull(createRecord);
        Objects.requireNonNull(updateRecord);
        Objects.requireNonNull(deleteRecord);
        Objects.requireNonNull(collections);
        Objects.requireNonNull(authWithPassword);
        Objects.requireNonNull(authRefresh);
        Objects.requireNonNull(authenticate);
        Objects.requireNonNull(batchRecords);
        oauth2 = oauth2 == null ? OAuth2Ports.none() : oauth2;
        files = files == null ? FilePorts.none() : files;
    }

    /** Without file support: downloads answer 404 and uploads are not stored. */
    public HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                     UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                     AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate,
                     BatchRecords batchRecords, AuthFlowPorts authFlows, OAuth2Ports oauth2) {
        this(listRecords, viewRecord, createRecord, updateRecord, deleteRecord, collections, authWithPassword,
                authRefresh, authenticate, batchRecords, authFlows, oauth2, null);
    }

    /** Without OAuth2: logins answer as for a collection with OAuth2 disabled, redirects fail. */
    public HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                     UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                     AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate,
                     BatchRecords batchRecords, AuthFlowPorts authFlows) {
        this(listRecords, viewRecord, createRecord, updateRecord, deleteRecord, collections, authWithPassword,
                authRefresh, authenticate, batchRecords, authFlows, null);
    }

    /** Without the auth flows beyond password login. */
    public HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                     UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                     AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate,
                     BatchRecords batchRecords) {
        this(listRecords, viewRecord, createRecord, updateRecord, deleteRecord, collections, authWithPassword,
                authRefresh, authenticate, batchRecords, null);
    }

    /** Without a batch use case: {@code POST /api/batch} answers as if batching were disabled (403). */
    public HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                     UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                     AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate) {
        this(listRecords, viewRecord, createRecord, updateRecord, deleteRecord, collections, authWithPassword,
                authRefresh, authenticate, new NoBatch(), null);
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

package dev.locket.adapters.http;

import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import java.util.Objects;

/** The inbound ports the REST API calls. */
public record HttpPorts(ListRecords listRecords, ViewRecord viewRecord, CreateRecord createRecord,
                        UpdateRecord updateRecord, DeleteRecord deleteRecord, ManageCollections collections,
                        AuthWithPassword authWithPassword, AuthRefresh authRefresh, Authenticate authenticate) {
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
    }
}

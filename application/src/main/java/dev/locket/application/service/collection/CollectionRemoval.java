package dev.locket.application.service.collection;

import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.FileUploads;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting a collection (refused for system collections and while other collections relate to it) and
 * truncating one (every record deleted with the same cascades as single deletes); both remove the
 * collection's stored files (files.md §8).
 */
final class CollectionRemoval {
    private final CollectionStore collections;
    private final Transactions tx;
    private final CollectionSaves saves;
    private final RecordWrites writes;
    private final FileUploads files;

    CollectionRemoval(CollectionStore collections, Transactions tx, CollectionSaves saves, RecordWrites writes,
                      FileUploads files) {
        this.collections = collections;
        this.tx = tx;
        this.saves = saves;
        this.writes = writes;
        this.files = files;
    }

    void delete(Collection stored) {
        tx.inTransaction(() -> {
            if (stored.system()) {
                throw new BadRequest("Failed to delete collection.");
            }
            List<String> referencing = referencing(stored, collections.all());
            if (!referencing.isEmpty()) {
                throw new BadRequest("Failed to delete collection probably due to existing reference in "
                        + String.join(", ", referencing) + ".");
            }
            saves.storeWithHooks(RecordAction.DELETE, stored, stored);
            if (FileUploads.hasFileField(stored)) {
                tx.afterCommit(() -> files.deleteCollectionFolder(stored));
            }
        });
    }

    void truncate(Collection stored, RequestInfo request) {
        if (stored.isView()) {
            throw new BadRequest("View collections cannot be truncated!");
        }
        try {
            writes.deleteAll(stored, request);
            if (FileUploads.hasFileField(stored)) {
                files.deleteCollectionFolder(stored);
            }
        } catch (BadRequest e) {
            throw new BadRequest("Failed to truncate collection (most likely due to required cascade delete record references).");
        }
    }

    /** Names of the other collections with a relation field to {@code target}, each once. */
    private static List<String> referencing(Collection target, List<Collection> all) {
        List<String> names = new ArrayList<>();
        for (Collection other : all) {
            if (other.id().equals(target.id())) {
                continue;
            }
            for (Field f : other.fields()) {
                if (f instanceof RelationField rel && rel.collectionId().equals(target.id())
                        && !names.contains(other.name())) {
                    names.add(other.name());
                }
            }
        }
        return names;
    }
}

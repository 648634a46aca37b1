package dev.locket.domain.field;

import java.util.List;

/** Ids of records of another collection ({@code maxSelect} ≤ 1 = single). */
public record RelationField(FieldMeta meta, boolean required, String collectionId, boolean cascadeDelete, int minSelect, int maxSelect) implements Field {
    public RelationField {
        collectionId = collectionId == null ? "" : collectionId;
    }

    @Override
    public String type() {
        return "relation";
    }
}

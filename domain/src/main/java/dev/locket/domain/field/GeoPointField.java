package dev.locket.domain.field;

import java.util.List;

/** A longitude/latitude pair; {@code {0,0}} counts as blank. */
public record GeoPointField(FieldMeta meta, boolean required) implements Field {
    public GeoPointField {

    }

    @Override
    public String type() {
        return "geoPoint";
    }
}

package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.util.Map;
import java.util.Optional;

/** A longitude/latitude pair; {@code {0,0}} counts as blank. */
public record GeoPointField(FieldMeta meta, boolean required) implements Field {

    @Override
    public String type() {
        return "geoPoint";
    }

    /**
     * An object with numeric {@code lon}/{@code lat} (keys matched case-insensitively, as Go's JSON
     * decoding does), or a string holding one; missing or unreadable parts stay 0.
     */
    @Override
    public Object normalize(Object raw) {
        return switch (raw) {
            case GeoPoint p -> p;
            case Map<?, ?> m -> fromMap(m);
            case String s -> fromText(s);
            case RawJson j -> fromText(j.text());
            case null, default -> GeoPoint.ZERO;
        };
    }

    private static GeoPoint fromText(String s) {
        if (s.isEmpty()) {
            return GeoPoint.ZERO;
        }
        try {
            return Json.parse(s) instanceof Map<?, ?> m ? fromMap(m) : GeoPoint.ZERO;
        } catch (IllegalArgumentException e) {
            return GeoPoint.ZERO;
        }
    }

    private static GeoPoint fromMap(Map<?, ?> m) {
        double lon = 0;
        double lat = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Number n)) {
                continue;
            }
            if (key.equalsIgnoreCase("lon")) {
                lon = n.doubleValue();
            } else if (key.equalsIgnoreCase("lat")) {
                lat = n.doubleValue();
            }
        }
        return new GeoPoint(lon, lat);
    }

    @Override
    public Object zero() {
        return GeoPoint.ZERO;
    }

    @Override
    public boolean isBlank(Object value) {
        return ((GeoPoint) normalize(value)).isZero();
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        GeoPoint p = (GeoPoint) normalize(value);
        if (p.isZero()) {
            return FieldErrors.blank(required);
        }
        if (p.lat() < -90 || p.lat() > 90) {
            return FieldErrors.error("validation_invalid_latitude", "Latitude must be between -90 and 90 degrees.");
        }
        if (p.lon() < -180 || p.lon() > 180) {
            return FieldErrors.error("validation_invalid_longitude", "Longitude must be between -180 and 180 degrees.");
        }
        return FieldErrors.OK;
    }
}

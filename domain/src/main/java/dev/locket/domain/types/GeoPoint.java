package dev.locket.domain.types;

/** A geoPoint value; {@code (0,0)} is the blank value. */
public record GeoPoint(double lon, double lat) {
    public static final GeoPoint ZERO = new GeoPoint(0, 0);

    public boolean isZero() {
        return lon == 0 && lat == 0;
    }
}

package dev.locket.application.service.auth;

/**
 * A small SVG badge per provider for {@code auth-methods} (auth.md §4.1 shows each provider's logo as
 * inline SVG): the provider's initial on a coloured disc, drawn here rather than shipping brand art.
 */
final class ProviderLogos {

    private ProviderLogos() {
    }

    static String svg(String provider) {
        String initial = provider.isEmpty() ? "?" : provider.substring(0, 1).toUpperCase(java.util.Locale.ROOT);
        int hue = Math.floorMod(provider.hashCode(), 360);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\">"
                + "<circle cx=\"16\" cy=\"16\" r=\"16\" fill=\"hsl(" + hue + ",55%,45%)\"/>"
                + "<text x=\"16\" y=\"21\" font-family=\"sans-serif\" font-size=\"15\" font-weight=\"bold\""
                + " text-anchor=\"middle\" fill=\"#fff\">" + initial + "</text></svg>";
    }
}

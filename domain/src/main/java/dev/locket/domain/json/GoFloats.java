package dev.locket.domain.json;

import java.math.BigDecimal;

/**
 * Go's spellings of a float64, which PocketBase's output and messages use: all of them print the
 * shortest round-tripping digits and differ only in when they switch to exponent form.
 */
public final class GoFloats {

    private GoFloats() {
    }

    /**
     * {@code encoding/json}: plain decimal for 1e-6 ≤ |x| < 1e21, otherwise exponent form without
     * zero padding ({@code 1e+21}, {@code 1.5e-7}). NaN/±Inf have no JSON form and are written as 0.
     */
    public static String json(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "0";
        }
        if (d == 0) {
            return zero(d);
        }
        double abs = Math.abs(d);
        BigDecimal bd = shortest(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return bd.toPlainString();
        }
        // Go prints at least two exponent digits, then encoding/json trims "e-07" to "e-7"
        return exponentForm(d, bd, 1);
    }

    /** {@code strconv.FormatFloat(d, 'f', -1, 64)}: never an exponent. */
    public static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return special(d);
        }
        if (d == 0) {
            return zero(d);
        }
        return shortest(d).toPlainString();
    }

    /** {@code fmt}'s {@code %v} (used in messages): exponent form outside 1e-4..1e21, two exponent digits. */
    public static String v(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return special(d);
        }
        if (d == 0) {
            return zero(d);
        }
        BigDecimal bd = shortest(d);
        int exp = exponent(bd);
        if (exp >= -4 && exp < 21) {
            return bd.toPlainString();
        }
        return exponentForm(d, bd, 2);
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        return d > 0 ? "+Inf" : "-Inf";
    }

    private static String zero(double d) {
        return (1 / d < 0) ? "-0" : "0";
    }

    private static BigDecimal shortest(double d) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros();
    }

    /** The decimal exponent of the leading digit. */
    private static int exponent(BigDecimal bd) {
        return bd.unscaledValue().abs().toString().length() - 1 - bd.scale();
    }

    /** {@code d.ddde±x}, the exponent zero-padded to at least {@code minExponentDigits}. */
    private static String exponentForm(double d, BigDecimal bd, int minExponentDigits) {
        String digits = bd.unscaledValue().abs().toString();
        int exp = exponent(bd);
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        String e = Integer.toString(Math.abs(exp));
        sb.append("0".repeat(Math.max(0, minExponentDigits - e.length()))).append(e);
        return sb.toString();
    }
}

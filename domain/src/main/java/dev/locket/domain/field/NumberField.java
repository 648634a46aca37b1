package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.Optional;

/** A float64 number with optional bounds ({@code null} = unbounded). */
public record NumberField(FieldMeta meta, boolean required, Double min, Double max, boolean onlyInt) implements Field {

    @Override
    public String type() {
        return "number";
    }

    @Override
    public Object normalize(Object raw) {
        return Casts.toNumber(raw);
    }

    @Override
    public Object zero() {
        return 0.0;
    }

    @Override
    public boolean isBlank(Object value) {
        return Casts.toNumber(value) == 0;
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        double v = Casts.toNumber(value);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return FieldErrors.error("validation_not_a_number", "The submitted number is not properly formatted.");
        }
        // upstream skips every other check for 0, so 0 passes min/max bounds that exclude it
        if (v == 0) {
            return FieldErrors.blank(required);
        }
        if (onlyInt && v != (double) (long) v) {
            return FieldErrors.error("validation_only_int_constraint", "Decimal numbers are not allowed.");
        }
        if (min != null && v < min) {
            return FieldErrors.error("validation_min_number_constraint",
                    "Must be greater or equal than " + Casts.goV(min) + ".", "min", Casts.jsonNumber(min));
        }
        if (max != null && v > max) {
            return FieldErrors.error("validation_max_number_constraint",
                    "Must be less or equal than " + Casts.goV(max) + ".", "max", Casts.jsonNumber(max));
        }
        return FieldErrors.OK;
    }
}

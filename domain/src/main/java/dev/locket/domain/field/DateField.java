package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import dev.locket.domain.types.DateTimes;
import java.time.Instant;
import java.util.Optional;

/** A UTC datetime with optional bounds (empty = unbounded). */
public record DateField(FieldMeta meta, boolean required, String min, String max) implements DateValued {
    public DateField {
        min = min == null ? "" : min;
        max = max == null ? "" : max;
    }

    @Override
    public String type() {
        return "date";
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        Optional<Instant> v = DateValued.instant(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required);
        }
        Optional<Instant> lower = DateTimes.parse(min);
        if (lower.isPresent() && v.get().isBefore(lower.get())) {
            return FieldErrors.error("validation_min_greater_equal_than_required",
                    "Must be no less than " + DateTimes.goString(lower.get()) + ".", "threshold",
                    DateTimes.rfc3339(lower.get()));
        }
        Optional<Instant> upper = DateTimes.parse(max);
        if (upper.isPresent() && v.get().isAfter(upper.get())) {
            return FieldErrors.error("validation_max_less_equal_than_required",
                    "Must be no greater than " + DateTimes.goString(upper.get()) + ".", "threshold",
                    DateTimes.rfc3339(upper.get()));
        }
        return FieldErrors.OK;
    }
}

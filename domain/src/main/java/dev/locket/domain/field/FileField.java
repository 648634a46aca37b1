package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploaded file names ({@code maxSelect} ≤ 1 = single); {@code maxSize} 0 = 5 MiB. Submitted text holds
 * names only; uploads are added by the application.
 */
public record FileField(FieldMeta meta, boolean required, int maxSelect, long maxSize, List<String> mimeTypes,
                        List<String> thumbs, boolean protectedFiles) implements MultiValued {
    public static final long DEFAULT_MAX_SIZE = 5L << 20;

    public FileField {
        mimeTypes = mimeTypes == null ? List.of() : List.copyOf(mimeTypes);
        thumbs = thumbs == null ? List.of() : List.copyOf(thumbs);
    }

    @Override
    public String type() {
        return "file";
    }

    public long effectiveMaxSize() {
        return maxSize <= 0 ? DEFAULT_MAX_SIZE : maxSize;
    }

    /**
     * Required and count checks of the final name list. Uploaded content (size, type) and unknown names
     * ({@link #invalidNewFiles}) are checked by the application, in upstream order: unknown names, count,
     * then each upload.
     */
    @Override
    public Optional<FieldError> validate(Object value) {
        List<String> names = MultiValued.values(value);
        if (names.isEmpty()) {
            return FieldErrors.blank(required);
        }
        int limit = MultiValued.limit(maxSelect);
        if (names.size() > limit) {
            return FieldErrors.error("validation_too_many_files", "The maximum allowed files is " + limit + ".",
                    "maxSelect", limit);
        }
        return FieldErrors.OK;
    }

    /**
     * {@code validation_invalid_file} when plain names were submitted that the record does not already
     * store (new files must be uploads). Names are cut at 250 characters in the params, as upstream.
     */
    public static Optional<FieldError> invalidNewFiles(Collection<String> submittedNames, Collection<String> stored) {
        List<String> invalid = new ArrayList<>();
        for (String name : submittedNames) {
            if (!stored.contains(name)) {
                invalid.add(name.length() > 250 ? name.substring(0, 250) : name);
            }
        }
        if (invalid.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("invalidFiles", List.copyOf(invalid));
        // Go prints a string slice as [a b]
        return Optional.of(new FieldError("validation_invalid_file",
                "Invalid new files: [" + String.join(" ", invalid) + "].", params));
    }
}

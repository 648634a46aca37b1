package dev.locket.domain.field;

import java.util.List;

/** Uploaded file names ({@code maxSelect} ≤ 1 = single); {@code maxSize} 0 = 5 MiB. */
public record FileField(FieldMeta meta, boolean required, int maxSelect, long maxSize, List<String> mimeTypes, List<String> thumbs, boolean protectedFiles) implements Field {
    public FileField {
        mimeTypes = mimeTypes == null ? List.of() : List.copyOf(mimeTypes); thumbs = thumbs == null ? List.of() : List.copyOf(thumbs);
    }

    @Override
    public String type() {
        return "file";
    }
}

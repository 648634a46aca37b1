package dev.locket.application.port.in.file;

/** How much a record create/update body may exceed the base limit because of the collection's fields. */
public interface UploadLimits {

    /**
     * {@code maxSize × max(maxSelect, 1)} of the file fields plus the (effective) {@code maxSize} of the json and
     * editor fields; 0 for a view or an unknown collection.
     */
    long uploadAllowance(String collection);
}

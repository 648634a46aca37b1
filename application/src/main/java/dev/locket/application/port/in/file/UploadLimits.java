package dev.locket.application.port.in.file;

/** How much a record create/update body may exceed the base limit because of the collection's file fields. */
public interface UploadLimits {

    /** {@code maxSize × max(maxSelect, 1)} summed over file fields; 0 for an unknown collection. */
    long uploadAllowance(String collection);
}

package dev.locket.domain.collection;

import java.util.List;

/** Whether password login is on, and which unique fields may serve as the identity. */
public record PasswordAuth(boolean enabled, List<String> identityFields) {
    public PasswordAuth {
        identityFields = List.copyOf(identityFields);
    }
}

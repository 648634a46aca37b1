package dev.locket.domain.field;

import java.util.List;

/** The {@code onlyDomains} / {@code exceptDomains} options of email and url fields. */
final class DomainList {

    private DomainList() {
    }

    /** The option as stored: never null, immutable. */
    static List<String> of(List<String> domains) {
        return domains == null ? List.of() : List.copyOf(domains);
    }

    /** Whether the domain passes both lists (an empty list does not restrict). */
    static boolean allows(String domain, List<String> onlyDomains, List<String> exceptDomains) {
        if (!onlyDomains.isEmpty() && !onlyDomains.contains(domain)) {
            return false;
        }
        return exceptDomains.isEmpty() || !exceptDomains.contains(domain);
    }
}

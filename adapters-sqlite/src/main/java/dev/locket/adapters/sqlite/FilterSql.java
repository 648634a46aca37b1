package dev.locket.adapters.sqlite;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** TEMPORARY stand-in until h/rule lands; deleted at merge. Understands only "" and "id = 'x'". */
final class FilterSql {
    FilterSql(Function<String, Optional<Collection>> collections) {
    }

    SqlFragment where(Collection collection, String alias, String filter, RequestInfo request, boolean allowHidden) {
        if (filter == null || filter.isBlank()) {
            return new SqlFragment("", List.of());
        }
        var m = java.util.regex.Pattern.compile("^\\s*(\\w+)\\s*=\\s*['\"]([^'\"]*)['\"]\\s*$").matcher(filter);
        if (!m.matches()) {
            throw new BadRequest("Invalid filter parameters.");
        }
        return new SqlFragment("`" + alias + "`.`" + m.group(1) + "` = ?", List.of(m.group(2)));
    }

    SqlFragment orderBy(Collection collection, String alias, List<String> sort, RequestInfo request, boolean allowHidden) {
        return new SqlFragment("", List.of());
    }
}

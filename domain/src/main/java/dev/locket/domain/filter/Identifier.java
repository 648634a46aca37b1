package dev.locket.domain.filter;

import dev.locket.domain.error.BadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A dotted name such as {@code title}, {@code author.name}, {@code @request.auth.id} or
 * {@code @collection.posts:p.title}, split into its {@code path} segments, the optional {@code alias} of a
 * {@code @collection.<name>:<alias>} segment and the optional {@code modifier} of the last segment
 * ({@code ""} when absent).
 */
public record Identifier(String source, List<String> path, String alias, String modifier, int position)
        implements Operand {

    /** The modifiers upstream knows; any other name after {@code :} is an error. */
    public static final Set<String> MODIFIERS = Set.of("isset", "changed", "length", "each", "lower");

    public Identifier {
        Objects.requireNonNull(source);
        path = List.copyOf(path);
        alias = alias == null ? "" : alias;
        modifier = modifier == null ? "" : modifier;
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
    }

    /**
     * Splits scanned identifier text (already checked for its character set) into path, alias and modifier.
     *
     * @throws BadRequest on an empty segment, a misplaced or unknown modifier
     */
    public static Identifier parse(String text, int position) {
        String[] raw = text.split("\\.", -1);
        List<String> path = new ArrayList<>(raw.length);
        String alias = "";
        String modifier = "";
        int offset = position;
        for (int i = 0; i < raw.length; i++) {
            String segment = raw[i];
            int colon = segment.indexOf(':');
            if (colon >= 0) {
                String name = segment.substring(0, colon);
                String suffix = segment.substring(colon + 1);
                if (suffix.indexOf(':') >= 0 || name.isEmpty() || suffix.isEmpty()) {
                    throw new BadRequest("invalid modifier in identifier \"" + text + "\"", offset + colon);
                }
                boolean collectionAlias = i == 1 && "@collection".equals(raw[0]);
                if (collectionAlias) {
                    alias = suffix;
                    segment = name;
                } else if (i == raw.length - 1) {
                    if (!MODIFIERS.contains(suffix)) {
                        throw new BadRequest("unknown modifier \":" + suffix + "\"", offset + colon);
                    }
                    modifier = suffix;
                    segment = name;
                } else {
                    // upstream splits modifiers off the last segment only: a mid-path "a:each" stays a plain
                    // segment, so a json path reads key "aeach", a body lookup finds nothing (NULL) and a
                    // field lookup fails to resolve, as record_field_resolver_runner.go does
                    segment = raw[i];
                }
            }
            if (segment.isEmpty()) {
                throw new BadRequest("empty segment in identifier \"" + text + "\"", offset);
            }
            path.add(segment);
            offset += raw[i].length() + 1;
        }
        return new Identifier(text, path, alias, modifier, position);
    }

    /** The first segment ({@code title} of {@code title.x}, {@code @request} of {@code @request.auth.id}). */
    public String head() {
        return path.get(0);
    }

    /** {@code true}/{@code false}/{@code null} (any case) as a literal, for when no field of that name exists. */
    public Optional<Literal> keyword() {
        if (path.size() != 1 || !modifier.isEmpty()) {
            return Optional.empty();
        }
        return switch (path.get(0).toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(new Literal.Bool(true, position));
            case "false" -> Optional.of(new Literal.Bool(false, position));
            case "null" -> Optional.of(new Literal.Null(position));
            default -> Optional.empty();
        };
    }
}

package dev.locket.domain.filter;

import dev.locket.domain.error.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@code sort} query parameter ({@code -created,title}); field resolution happens elsewhere. */
public final class SortParser {
    public static final int MAX_ITEMS = 8;
    public static final int MAX_ITEM_BYTES = 255;

    private SortParser() {
    }

    /**
     * Splits and checks a sort list; {@code null} or blank gives no items.
     *
     * @throws BadRequest on an empty item, too many or too long items, or an item that is no identifier
     */
    public static List<SortItem> parse(String source) {
        if (source == null || source.isBlank()) {
            return List.of();
        }
        String[] raw = source.split(",", -1);
        if (raw.length > MAX_ITEMS) {
            throw new BadRequest("more than " + MAX_ITEMS + " sort items", -1);
        }
        List<SortItem> items = new ArrayList<>(raw.length);
        for (String item : raw) {
            items.add(parseItem(item));
        }
        return List.copyOf(items);
    }

    /** One item such as {@code -created}, {@code +title} or {@code @random}. */
    public static SortItem parseItem(String raw) {
        String item = raw == null ? "" : raw.strip();
        if (item.isEmpty()) {
            throw new BadRequest("empty sort item", -1);
        }
        if (item.getBytes(StandardCharsets.UTF_8).length > MAX_ITEM_BYTES) {
            throw new BadRequest("sort item longer than " + MAX_ITEM_BYTES + " bytes", -1);
        }
        boolean descending = false;
        if (item.charAt(0) == '-' || item.charAt(0) == '+') {
            descending = item.charAt(0) == '-';
            item = item.substring(1);
        }
        if (!Tokenizer.isIdentifier(item)) {
            throw new BadRequest("invalid sort item \"" + item + "\"", -1);
        }
        Identifier.parse(item, 0);   // rejects misplaced or unknown modifiers early
        return new SortItem(item, descending);
    }
}

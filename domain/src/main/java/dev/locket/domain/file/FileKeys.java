package dev.locket.domain.file;

/**
 * Storage keys as PocketBase lays them out: {@code <collectionId>/<recordId>/<name>} and thumbs in
 * {@code <collectionId>/<recordId>/thumbs_<name>/<size>_<name>}. Every segment is checked so that no
 * key can leave its record folder.
 */
public final class FileKeys {
    private FileKeys() {
    }

    public static String collectionPrefix(String collectionId) {
        return segment(collectionId) + "/";
    }

    public static String recordPrefix(String collectionId, String recordId) {
        return segment(collectionId) + "/" + segment(recordId) + "/";
    }

    public static String file(String collectionId, String recordId, String name) {
        return recordPrefix(collectionId, recordId) + segment(name);
    }

    public static String thumbsPrefix(String collectionId, String recordId, String name) {
        return recordPrefix(collectionId, recordId) + "thumbs_" + segment(name) + "/";
    }

    public static String thumb(String collectionId, String recordId, String name, ThumbSize size) {
        return thumbsPrefix(collectionId, recordId, name) + size.text() + "_" + segment(name);
    }

    /** True when the text can be one key segment: non-empty, no separators, not a dot name. */
    public static boolean isSafeSegment(String s) {
        return s != null && !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0
                && s.indexOf('\\') < 0 && s.indexOf('\0') < 0;
    }

    /**
     * The key itself when each of its segments is safe (a trailing {@code /} of a folder prefix allowed); every
     * file store refuses other keys, whatever produced them.
     *
     * @throws IllegalArgumentException for a key that could leave the store's root
     */
    public static String requireSafe(String key) {
        String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : k.split("/", -1)) {
            segment(segment);
        }
        return key;
    }

    private static String segment(String s) {
        if (!isSafeSegment(s)) {
            throw new IllegalArgumentException("unsafe storage key segment");
        }
        return s;
    }
}

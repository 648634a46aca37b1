package dev.locket.application.hook;

/** An event that tagged handlers ({@code onRecordCreate("posts")}, {@code onModelCreate("_collections")}) can pick. */
public interface TagScoped {
    /** Whether a handler bound with this tag sees the event. */
    boolean answersTo(String tag);
}

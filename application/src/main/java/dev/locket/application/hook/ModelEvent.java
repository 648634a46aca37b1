package dev.locket.application.hook;

import java.util.Objects;

/**
 * Upstream's {@code ModelEvent}: a model hook's view of the record or collection event it stands for. The
 * record hooks and collection hooks are proxies of the model hooks (as upstream binds them, at priority -99):
 * the model and its typed event are one, so replacing {@link #model(Model)} replaces the record or collection
 * the typed event holds, and the other way round.
 */
public class ModelEvent extends HookEvent implements TagScoped {
    /** Upstream's {@code ModelEventType*}: which stage fired the event. */
    public enum Type {
        VALIDATE, CREATE, UPDATE, DELETE
    }

    private final Type type;
    private final HookEvent source;

    /** {@code source} is the {@link RecordEvent} or {@link CollectionEvent} this model event stands for. */
    public ModelEvent(Type type, HookEvent source) {
        if (!(source instanceof RecordEvent) && !(source instanceof CollectionEvent)) {
            throw new IllegalArgumentException("a model event stands for a record or collection event");
        }
        this.type = Objects.requireNonNull(type);
        this.source = source;
    }

    public Type type() {
        return type;
    }

    /** The record or collection as the typed event holds it now. */
    public Model model() {
        if (source instanceof RecordEvent r) {
            return new Model.OfRecord(r.record());
        }
        return new Model.OfCollection(((CollectionEvent) source).collection());
    }

    /** Replaces the model written (before {@code next()}); it must be of the same kind. */
    public void model(Model replacement) {
        switch (replacement) {
            case Model.OfRecord r when source instanceof RecordEvent e -> e.record(r.record());
            case Model.OfCollection c when source instanceof CollectionEvent e -> e.collection(c.collection());
            default -> throw new IllegalArgumentException("a model event keeps its model kind");
        }
    }

    /** The typed record or collection event behind this model event. */
    HookEvent source() {
        return source;
    }

    /** Upstream tags: a record's collection name or id, {@code _collections} for a collection. */
    @Override
    public boolean answersTo(String tag) {
        if (source instanceof RecordEvent r) {
            return r.collection().answersTo(tag);
        }
        return Model.OfCollection.TABLE.equals(tag);
    }
}

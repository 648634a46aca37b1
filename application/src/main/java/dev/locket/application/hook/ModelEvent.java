package dev.locket.application.hook;

import java.util.Objects;

/**
 * Upstream's {@code ModelEvent}: a model hook's view of the write it stands for. For a record or a collection the
 * record hooks and collection hooks are proxies of the model hooks (as upstream binds them, at priority -99): the
 * model and its typed event are one, so replacing {@link #model(Model)} replaces the record or collection the
 * typed event holds, and the other way round. The settings and log entries have no typed event: the model event
 * holds them itself, shared by the stages of one write.
 */
public class ModelEvent extends HookEvent implements TagScoped {
    /** Upstream's {@code ModelEventType*}: which stage fired the event. */
    public enum Type {
        VALIDATE, CREATE, UPDATE, DELETE
    }

    private final Type type;
    /** The {@link RecordEvent} or {@link CollectionEvent} this event stands for, or null for a plain model. */
    private final HookEvent source;
    /** The plain model (settings, log entry), shared by every stage's event of the write; null with a source. */
    private final Slot plain;

    /** What a plain model's stages share: the model as the handlers left it. */
    private static final class Slot {
        private Model model;

        Slot(Model model) {
            this.model = model;
        }
    }

    /** {@code source} is the {@link RecordEvent} or {@link CollectionEvent} this model event stands for. */
    public ModelEvent(Type type, HookEvent source) {
        if (!(source instanceof ModelSourceEvent)) {
            throw new IllegalArgumentException("a model event stands for a record or collection event");
        }
        this.type = Objects.requireNonNull(type);
        this.source = source;
        this.plain = null;
    }

    /** A write of a model without a typed event: the settings or a log entry. */
    public ModelEvent(Type type, Model model) {
        if (model instanceof Model.OfRecord || model instanceof Model.OfCollection) {
            throw new IllegalArgumentException("records and collections have their typed events");
        }
        this.type = Objects.requireNonNull(type);
        this.source = null;
        this.plain = new Slot(Objects.requireNonNull(model));
    }

    /** Another stage ({@code type}) of the same write: it sees and changes the same model. */
    protected ModelEvent(Type type, ModelEvent write) {
        this.type = Objects.requireNonNull(type);
        this.source = write.source;
        this.plain = write.plain;
    }

    public Type type() {
        return type;
    }

    /** The model as the typed event (or the handlers of a plain model) holds it now. */
    public Model model() {
        if (source instanceof RecordEvent r) {
            return new Model.OfRecord(r.record());
        }
        if (source instanceof CollectionEvent c) {
            return new Model.OfCollection(c.collection());
        }
        return plain.model;
    }

    /** Replaces the model written (before {@code next()}); it must be of the same kind. */
    public void model(Model replacement) {
        switch (replacement) {
            case Model.OfRecord r when source instanceof RecordEvent e -> e.record(r.record());
            case Model.OfCollection c when source instanceof CollectionEvent e -> e.collection(c.collection());
            case Model.OfSettings s when plain != null && plain.model instanceof Model.OfSettings -> plain.model = s;
            case Model.OfLog l when plain != null && plain.model instanceof Model.OfLog -> plain.model = l;
            default -> throw new IllegalArgumentException("a model event keeps its model kind");
        }
    }

    /** The typed record or collection event behind this model event; null for the settings or a log entry. */
    HookEvent source() {
        return source;
    }

    /**
     * Upstream tags: a record's collection name or id, else the model's table ({@code _collections},
     * {@code _params}, {@code _logs}).
     */
    @Override
    public boolean answersTo(String tag) {
        if (source instanceof RecordEvent r) {
            return r.collection().answersTo(tag);
        }
        return model().tableName().equals(tag);
    }
}

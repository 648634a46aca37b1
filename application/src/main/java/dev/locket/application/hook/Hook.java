package dev.locket.application.hook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * An ordered chain of handlers for one event type. Handlers run by ascending priority, then in
 * registration order (PocketBase's ordering); each calls {@code event.next()} to continue, and the
 * last link is the default action passed to {@link #trigger}. A handler vetoes by throwing.
 */
public final class Hook<E extends HookEvent> {

    /** One link of the chain. */
    @FunctionalInterface
    public interface Handler<E> {
        void handle(E event);
    }

    private record Entry<E>(String id, int priority, long order, Predicate<E> filter, Handler<E> handler) {
    }

    private final AtomicLong counter = new AtomicLong();
    private volatile List<Entry<E>> entries = List.of();

    /** Binds a handler with priority 0; returns its id for {@link #unbind}. */
    public String bind(Handler<E> handler) {
        return bind(handler, 0);
    }

    public String bind(Handler<E> handler, int priority) {
        return bindFiltered(handler, priority, e -> true);
    }

    synchronized String bindFiltered(Handler<E> handler, int priority, Predicate<E> filter) {
        long order = counter.incrementAndGet();
        String id = "h" + order;
        List<Entry<E>> copy = new ArrayList<>(entries);
        copy.add(new Entry<>(id, priority, order, filter, handler));
        copy.sort(Comparator.comparingInt((Entry<E> x) -> x.priority).thenComparingLong(x -> x.order));
        entries = List.copyOf(copy);
        return id;
    }

    /** Removes the handler with this id; unknown ids are ignored. */
    public synchronized void unbind(String id) {
        List<Entry<E>> copy = new ArrayList<>(entries);
        copy.removeIf(x -> x.id.equals(id));
        entries = List.copyOf(copy);
    }

    public synchronized void unbindAll() {
        entries = List.of();
    }

    public int size() {
        return entries.size();
    }

    /**
     * Narrows the hook to events of the given collections (ids or names, names compared
     * case-insensitively), like {@code onRecordCreate("posts")}, or model tags ({@link ModelEvent}). Only works
     * for {@link TagScoped} events; other events never match a non-empty tag set.
     */
    public Tagged<E> forCollections(String... idsOrNames) {
        return new Tagged<>(this, Set.of(idsOrNames));
    }

    /** Runs the handlers as a chain ending in {@code defaultAction}; returns the event. */
    public E trigger(E event, Handler<E> defaultAction) {
        List<Entry<E>> snapshot = entries;
        List<Entry<E>> chain = new ArrayList<>(snapshot.size());
        for (Entry<E> entry : snapshot) {
            if (entry.filter.test(event)) {
                chain.add(entry);
            }
        }
        Runnable outer = event.swapNext(() -> { });
        try {
            link(chain, 0, event, defaultAction).run();
        } finally {
            event.swapNext(outer);
        }
        return event;
    }

    public E trigger(E event) {
        return trigger(event, e -> { });
    }

    private Runnable link(List<Entry<E>> chain, int index, E event, Handler<E> defaultAction) {
        boolean[] called = {false};
        return () -> {
            // A second next() from the same handler must not run the rest of the chain twice.
            if (called[0]) {
                return;
            }
            called[0] = true;
            Runnable previous;
            if (index == chain.size()) {
                previous = event.swapNext(() -> { });
                try {
                    defaultAction.handle(event);
                } finally {
                    event.swapNext(previous);
                }
                return;
            }
            previous = event.swapNext(link(chain, index + 1, event, defaultAction));
            try {
                chain.get(index).handler.handle(event);
            } finally {
                event.swapNext(previous);
            }
        };
    }

    /** A view of a hook whose handlers only see events of some collections. */
    public static final class Tagged<E extends HookEvent> {
        private final Hook<E> hook;
        private final Set<String> tags;

        Tagged(Hook<E> hook, Set<String> tags) {
            this.hook = hook;
            this.tags = tags;
        }

        public String bind(Handler<E> handler) {
            return bind(handler, 0);
        }

        public String bind(Handler<E> handler, int priority) {
            return hook.bindFiltered(handler, priority, this::matches);
        }

        public void unbind(String id) {
            hook.unbind(id);
        }

        private boolean matches(E event) {
            if (tags.isEmpty()) {
                return true;
            }
            if (!(event instanceof TagScoped scoped)) {
                return false;
            }
            for (String tag : tags) {
                if (scoped.answersTo(tag)) {
                    return true;
                }
            }
            return false;
        }
    }
}

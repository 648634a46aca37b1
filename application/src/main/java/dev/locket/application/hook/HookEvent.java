package dev.locket.application.hook;

/**
 * Base of every hook event. A handler continues the chain with {@link #next()}; not calling it
 * stops the chain (the default action does not run), as PocketBase's {@code e.Next()} does.
 */
public abstract class HookEvent {
    private Runnable next = () -> { };

    /** Runs the rest of the chain (the next handler, or finally the default action). */
    public void next() {
        next.run();
    }

    final Runnable swapNext(Runnable replacement) {
        Runnable previous = next;
        next = replacement;
        return previous;
    }
}

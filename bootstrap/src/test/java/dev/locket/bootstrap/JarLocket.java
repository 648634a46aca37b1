package dev.locket.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The packaged {@code locket.jar} (with its {@code libs/}, as its manifest lists them) loaded once into an
 * isolated class loader, each server being {@code Locket.start("serve", …)} of that code on a fresh data
 * directory. Starting a server this way costs a fraction of a new JVM, which lets every writing upstream
 * scenario get its own fresh fixture copy within the suite's time budget.
 */
final class JarLocket implements AutoCloseable {
    private static ClassLoader loader;

    private final Object app;
    private final CompletableFuture<Object> exit;
    final int port;

    private JarLocket(Object app, CompletableFuture<Object> exit, int port) {
        this.app = app;
        this.exit = exit;
        this.port = port;
    }

    private static synchronized ClassLoader loader() throws MalformedURLException {
        if (loader == null) {
            Path jar = LocketProcess.jar();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("packaged jar missing: " + jar + " (run the package phase first)");
            }
            // the manifest's Class-Path (libs/…) is followed by URLClassLoader; the platform loader as parent
            // keeps the test class path (the same modules, unpacked) out of sight
            loader = new URLClassLoader("locket.jar", new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
        }
        return loader;
    }

    /** Serves {@code dataDir} on a free port with the system clock. */
    static JarLocket serve(Path dataDir) throws Exception {
        return serve(dataDir, Clock.systemUTC());
    }

    /** Serves {@code dataDir} on a free port; {@code clock} is what the server takes for "now". */
    static JarLocket serve(Path dataDir, Clock clock) throws Exception {
        ClassLoader cl = loader();
        Class<?> locket = Class.forName("dev.locket.Locket", true, cl);
        Class<?> configType = Class.forName("dev.locket.LocketConfig", true, cl);
        Object config = configType.getConstructor(Clock.class, RandomGenerator.class)
                .newInstance(clock, new java.security.SecureRandom());
        Object app = locket.getMethod("create", configType).invoke(null, config);
        Method start = locket.getMethod("start", String[].class);
        String[] args = {"serve", "--http", "127.0.0.1:0", "--dir", dataDir.toString()};
        CompletableFuture<Object> exit = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(cl);
            try {
                exit.complete(start.invoke(app, (Object) args));
            } catch (Throwable e) {
                exit.completeExceptionally(e instanceof InvocationTargetException ite ? ite.getCause() : e);
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
        }, "locket-serve-" + dataDir.getFileName());
        t.setDaemon(true);
        t.start();
        Method awaitPort = locket.getMethod("awaitPort", long.class, TimeUnit.class);
        try {
            int port = (int) awaitPort.invoke(app, 30L, TimeUnit.SECONDS);
            return new JarLocket(app, exit, port);
        } catch (InvocationTargetException e) {
            if (exit.isCompletedExceptionally()) {
                exit.join();
            }
            throw new IllegalStateException("server did not start on " + dataDir, e.getCause());
        }
    }

    @Override
    public void close() throws Exception {
        app.getClass().getMethod("stop").invoke(app);
        exit.get(30, TimeUnit.SECONDS);
    }
}

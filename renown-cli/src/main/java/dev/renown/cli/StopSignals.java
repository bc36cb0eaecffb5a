package dev.renown.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Ctrl+C (SIGINT) and SIGTERM into a request to stop, for commands that must finish their
 * work — commit the last batch — and exit 0 rather than be cut off by the JVM's default handling
 * (exit 130 or 143, with only shutdown hooks run). A second signal exits at once.
 *
 * <p>Signal handling has no standard Java API; this uses {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, present in every OpenJDK) through reflection, so that the build has
 * no internal-API warnings. Where it is missing or a signal cannot be handled, that signal keeps
 * the JVM's default behaviour.
 */
final class StopSignals implements AutoCloseable {

    private final List<Object[]> previous = new ArrayList<>();
    private final Method handle;

    private StopSignals(Method handle) {
        this.handle = handle;
    }

    /** Calls {@code stop} on the first SIGINT or SIGTERM until closed. */
    static StopSignals install(Runnable stop) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> signal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            StopSignals s = new StopSignals(handle);
            boolean[] stopped = {false};
            for (String[] named : new String[][] {{"INT", "130"}, {"TERM", "143"}}) {
                Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                        (proxy, method, args) -> {
                            switch (method.getName()) {
                                case "handle":
                                    synchronized (stopped) {
                                        if (stopped[0]) {
                                            System.exit(Integer.parseInt(named[1]));
                                        }
                                        stopped[0] = true;
                                    }
                                    stop.run();
                                    return null;
                                case "hashCode":
                                    return System.identityHashCode(proxy);
                                case "equals":
                                    return proxy == args[0];
                                default:
                                    return "renown stop on SIG" + named[0];
                            }
                        });
                try {
                    Object sig = signal.newInstance(named[0]);
                    s.previous.add(new Object[] {sig, handle.invoke(null, sig, handler)});
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    // this signal cannot be handled here (ignored by the parent, -Xrs): default behaviour
                }
            }
            return s;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new StopSignals(null);
        }
    }

    /** Gives the signals back to their previous handlers. */
    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                handle.invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // keep going
            }
        }
        previous.clear();
    }
}

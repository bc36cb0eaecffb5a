package dev.renown.cli;

import io.javalin.Javalin;
import io.javalin.websocket.WsConnectContext;
import org.eclipse.jetty.websocket.api.Callback;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback Jetstream: serves {@code /subscribe} over WebSocket from a fixed list of events that
 * it "publishes" as it sends them. A connection without {@code cursor} starts with the next
 * unpublished event (live); with one, it replays every event from that {@code time_us} on, then
 * goes live. At a drop point, before sending event {@code i}, the server publishes the next
 * {@code skip} events without sending them — they happen while the client is away — and cuts
 * the TCP connection, without a close frame. Sends block until written, so a client that stops
 * reading slows the server down, as TCP does a real one.
 */
final class JetstreamReplay implements AutoCloseable {

    private final List<String> events;
    private final long[] times;
    private final Map<Integer, Integer> drops;
    private final int refuseFirst;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    /** The {@code cursor} parameter of each connection, null when absent. */
    final List<String> cursors = Collections.synchronizedList(new ArrayList<>());
    private final Javalin app;

    /**
     * @param drops       event index → events published while the client is away
     * @param refuseFirst connections closed at once (1013, try again later) before any is served
     */
    JetstreamReplay(List<String> events, Map<Integer, Integer> drops, int refuseFirst) {
        this.events = List.copyOf(events);
        this.times = new long[events.size()];
        for (int i = 0; i < times.length; i++) {
            long t = LiveFixtures.timeUs(events.get(i));
            times[i] = t >= 0 ? t : i == 0 ? 0 : times[i - 1];
        }
        this.drops = Collections.synchronizedMap(new HashMap<>(drops));
        this.refuseFirst = refuseFirst;
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.routes.ws("/subscribe", ws -> ws.onConnect(this::connected));
        }).start("127.0.0.1", 0);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + app.port() + "/subscribe");
    }

    /** Messages written to a socket so far. */
    long sent() {
        return sent.get();
    }

    private void connected(WsConnectContext ctx) {
        cursors.add(ctx.queryParam("cursor"));
        if (connections.incrementAndGet() <= refuseFirst) {
            ctx.closeSession(1013, "try again later");
            return;
        }
        String cursor = ctx.queryParam("cursor");
        int start;
        if (cursor == null) {
            start = published.get();
        } else {
            long from = Long.parseLong(cursor);
            start = 0;
            while (start < times.length && times[start] < from) {
                start++;
            }
        }
        int first = start;
        Thread sender = new Thread(() -> send(ctx, first), "jetstream-replay");
        sender.setDaemon(true);
        sender.start();
    }

    private void send(WsConnectContext ctx, int start) {
        try {
            for (int i = start; i < events.size(); i++) {
                Integer skip = drops.remove(i);
                if (skip != null) {
                    int until = i + skip;
                    published.updateAndGet(p -> Math.max(p, until));
                    ctx.session.disconnect();
                    return;
                }
                int next = i + 1;
                published.updateAndGet(p -> Math.max(p, next));
                String e = events.get(i);
                if (i % 7 == 3 && e.length() > 40) {
                    // some messages come in fragments, as large ones may
                    int a = e.length() / 3;
                    int b = 2 * e.length() / 3;
                    write(ctx, e.substring(0, a), false);
                    write(ctx, e.substring(a, b), false);
                    write(ctx, e.substring(b), true);
                } else {
                    write(ctx, e, true);
                }
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private static void write(WsConnectContext ctx, String text, boolean last) throws Exception {
        Callback.Completable done = new Callback.Completable();
        ctx.session.sendPartialText(text, last, done);
        done.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        app.stop();
    }
}

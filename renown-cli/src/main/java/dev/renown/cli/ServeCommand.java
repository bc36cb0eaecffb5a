package dev.renown.cli;

import dev.renown.sources.ParameterFile;
import dev.renown.core.score.ScoringParameters;
import dev.renown.server.RenownServer;
import dev.renown.server.ServerConfig;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code renown serve}: the JSON API and the dashboard on the store, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the scores in the database: the dashboard at /, the JSON API under /api/v1 "
                + "(described at /api/v1/openapi.json), /health and Prometheus /metrics. Stop with Ctrl+C.")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions store = new StoreOptions();

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--params", paramLabel = "FILE",
            description = "Signal weights and timescales (JSON, as written by renown fit) for every day served and "
                    + "recomputed, instead of the calibration stored for each day.")
    Path params;

    @Mixin
    TopicOptions topics = new TopicOptions();

    @Option(names = "--daily", arity = "0..1", paramLabel = "CONFIG", fallbackValue = "",
            description = "Also run the daily cycle: ingest the configured folders and live streams continuously, score "
                    + "each day at the configured UTC time (default 00:00), first the days missed while stopped; runs "
                    + "at /api/v1/runs. CONFIG is the configuration file (docs/daily.md); without it, the defaults.")
    String daily;

    @Override
    public Integer call() throws Exception {
        ScoringParameters parameters = ScoringParameters.defaults();
        if (params != null) {
            parameters = ParameterFile.read(params, parameters);
        }
        DailyConfig dailyConfig = daily == null ? null
                : daily.isEmpty() ? DailyConfig.defaults() : DailyConfig.read(Path.of(daily));
        dev.renown.core.event.TopicSource source = topics.source(spec.commandLine().getErr());
        try (Store s = store.open()) {
            return serve(s, parameters, params != null, server.config(), dailyConfig, source,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    static int serve(Store store, ScoringParameters parameters, boolean fixed, ServerConfig config, PrintWriter out,
                     PrintWriter err) throws IOException, InterruptedException {
        return serve(store, parameters, fixed, config, null, null, out, err);
    }

    /**
     * Serves until the process is asked to stop (Ctrl+C, SIGTERM), then stops the server before
     * the store is closed.
     */
    /**
     * @param topics where events' topics come from (text or a taxonomy), or null for the hashtags
     */
    static int serve(Store store, ScoringParameters parameters, boolean fixed, ServerConfig config, DailyConfig daily,
                     dev.renown.core.event.TopicSource topics, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        RenownServer server = new RenownServer(store, parameters, fixed, config);
        if (topics != null) {
            server.withTopics(topics);
        }
        DailyStreams streams = null;
        if (daily != null) {
            streams = new DailyStreams(store, daily, out, err);
            server.withDaily(daily.schedule(), java.time.Clock.systemUTC(), daily.poll(), streams.folders());
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            if (streams != null) {
                streams.close();
            }
            if (hasCause(e, BindException.class)) {
                throw new Renown.UserError("cannot serve on " + config.host() + ":" + config.port()
                        + ": the port is in use; choose another with --port", 1);
            }
            throw e;
        }
        if (streams != null) {
            streams.start();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DailyStreams toStop = streams;
        Thread hook = new Thread(() -> {
            if (toStop != null) {
                toStop.close();
            }
            server.close();
            stopped.countDown();
        }, "renown-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        out.println("Renown dashboard: http://" + host + ":" + server.port() + "/");
        out.println("API: http://" + host + ":" + server.port() + RenownServer.API + "/openapi.json; "
                + (config.tokenSha256() == null ? "writes are off (no API token; see renown token)"
                : "writes need the API token") + ". Stop with Ctrl+C.");
        if (daily != null) {
            out.printf("Daily cycle: each day is scored at %s UTC; %d folder(s) watched, %d stream(s) followed; "
                            + "runs at %s/runs%n", daily.schedule().at(), daily.watch().size(), daily.follow().size(),
                    RenownServer.API);
        }
        out.flush();
        err.flush();
        stopped.await();
        return 0;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

package dev.renown.server;

import dev.renown.core.score.ScoringParameters;
import dev.renown.store.DailyCycle;
import dev.renown.store.Store;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Renown HTTP server: the JSON API under {@code /api/v1}, the dashboard at {@code /},
 * {@code /health} and Prometheus metrics at {@code /metrics}, on the scores in a {@link Store}.
 *
 * <p>Every request passes, in order: security headers; the per-client rate limit (429); the
 * method check (405 for a method the path does not serve, before any token is asked for); the
 * token check for writes, and for reads when configured (401); the handler; then its latency is
 * recorded in the {@code http.server.requests} timer, tagged by method, route template and status.
 * Failures are answered as JSON {@code {"error", "message"}} with the security headers, including
 * those Jetty raises before any handler runs ({@link JsonErrorHandler}). The method is always the
 * request's own: {@code X-HTTP-Method-Override} and its kin are dropped before routing, so that a
 * proxy that lets only GET through cannot be talked into a write. Nothing a client sends puts a
 * stack trace in the log: an unexpected failure is logged as one line.
 *
 * <pre>{@code
 * try (RenownServer server = new RenownServer(store, ScoringParameters.defaults(), ServerConfig.defaults())) {
 *     server.start();
 *     ... GET http://127.0.0.1:7070/api/v1/leaderboard
 * }
 * }</pre>
 */
public final class RenownServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RenownServer.class);

    /** The API's prefix. */
    public static final String API = "/api/v1";

    /**
     * Content Security Policy: everything from this server only (the dashboard has no inline
     * script or style and no third-party asset), never framed.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final ServerConfig config;
    private final ScoreService service;
    private final PrometheusMeterRegistry metrics;
    private final RateLimiter rateLimiter;
    private final Json json = new Json();
    private final List<Route> routes = new ArrayList<>();
    private final Javalin app;
    private final byte[] openApi;
    private final boolean fixed;
    private final ScoringParameters parameters;
    /** The daily cycle, when {@link #withDaily} asked for one. */
    private DailyCycle daily;
    private Duration dailyTick;
    private Runnable dailyIngest;

    /** Methods the request metrics name; any other is counted as {@code other}, so that no client can add series. */
    private static final java.util.Set<String> KNOWN_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH",
            "DELETE", "OPTIONS", "TRACE");

    /** Headers that ask a server to treat a request as another method; dropped before routing. */
    static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");

    /** One route of the server, as registered. */
    public record Route(String method, String path, boolean write) {

        /** Whether a request path (not decoded, without query) is this route's. */
        boolean matches(String requestPath) {
            return pattern(path).matcher(requestPath).matches();
        }

        private static java.util.regex.Pattern pattern(String template) {
            return PATTERNS.computeIfAbsent(template, t -> java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(t).replaceAll("\\{\\w+}", "\\\\E[^/]+\\\\Q") + "/?"));
        }
    }

    private static final Map<String, java.util.regex.Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Builds the server; {@link #start()} serves.
     *
     * @param store      the database the scores and interactions are read from and written to; the
     *                   caller closes it after the server
     * @param parameters how scores are computed when the view is built or recomputed: their window,
     *                   defences and base half-life, with each day's weights and timescales from the
     *                   calibration in force that day (see {@code Backfill})
     * @param config     port, token, limits
     */
    public RenownServer(Store store, ScoringParameters parameters, ServerConfig config) {
        this(store, parameters, false, config);
    }

    /**
     * As {@link #RenownServer(Store, ScoringParameters, ServerConfig)}; with {@code fixed}, every
     * day is scored with {@code parameters} as given (weights and timescales included).
     */
    public RenownServer(Store store, ScoringParameters parameters, boolean fixed, ServerConfig config) {
        this.config = config;
        this.fixed = fixed;
        this.parameters = parameters;
        this.service = new ScoreService(store, parameters, fixed, config);
        this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.rateLimiter = config.ratePerSecond() > 0 ? new RateLimiter(config.ratePerSecond(), config.burst()) : null;
        this.openApi = resource("/openapi.json");
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        Gauge.builder("renown.accounts.scored", service, s -> s.view().isEmpty() ? 0 : s.view().board().size())
                .description("Accounts in the current scores").register(metrics);
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig c) {
        c.startup.showJavalinBanner = false;
        c.startup.showOldJavalinVersionWarning = false;
        c.jetty.host = config.host();
        c.jetty.port = config.port();
        c.http.maxRequestSize = config.maxBodyBytes();
        c.http.prefer405over404 = true;
        c.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        c.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
        c.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.addCustomizer((request, responseHeaders) -> {
                for (String name : METHOD_OVERRIDES) {
                    if (request.getHeaders().contains(name)) {
                        return withoutMethodOverrides(request);
                    }
                }
                return request;
            });
        });
        c.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/public";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache");
        });
        c.requestLogger.http(this::record);

        c.routes.before(this::guard);
        Api api = new Api(service, json);
        get(c, "/health", this::health);
        get(c, "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        get(c, API + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        get(c, API + "/overview", api::overview);
        get(c, API + "/accounts", api::accountByHandle);
        get(c, API + "/accounts/{network}/{id}", api::account);
        get(c, API + "/accounts/{network}/{id}/score", api::score);
        get(c, API + "/accounts/{network}/{id}/history", api::history);
        get(c, API + "/accounts/{network}/{id}/explain", api::explain);
        get(c, API + "/accounts/{network}/{id}/influence", api::influence);
        get(c, API + "/accounts/{network}/{id}/integrity", api::integrity);
        get(c, API + "/accounts/{network}/{id}/topics", api::topics);
        get(c, API + "/leaderboard", api::leaderboard);
        get(c, API + "/search", api::search);
        get(c, API + "/find", api::find);
        get(c, API + "/topics/{topic}", api::topic);
        get(c, API + "/runs", api::runs);
        get(c, API + "/people", api::people);
        get(c, API + "/people/suggestions", api::suggestions);
        post(c, API + "/people/suggestions/{suggestion}/confirm", api::confirmSuggestion);
        get(c, API + "/people/{person}", api::person);
        put(c, API + "/people/{person}", api::putPerson);
        get(c, API + "/people/{person}/history", api::personHistory);
        post(c, API + "/interactions", api::postInteractions);
        post(c, API + "/scores/recompute", api::recompute);
        get(c, API + "/scores/recompute", api::recomputeStatus);
        delete(c, API + "/scores/recompute", api::cancelRecompute);

        c.routes.exception(ApiException.class, (e, ctx) -> json.error(ctx, e.status, e.code, e.getMessage(), e.fields));
        c.routes.exception(HttpResponseException.class, (e, ctx) -> {
            String message = switch (e.getStatus()) {
                case 404 -> "no route " + ctx.method() + " " + ctx.path();
                case 405 -> ctx.method() + " is not allowed on " + ctx.path();
                case 413 -> "the body is larger than the limit of " + config.maxBodyBytes() + " bytes";
                default -> e.getStatus() >= 500 ? "the server failed to answer" : e.getMessage();
            };
            if (e.getStatus() == 405) {
                ctx.header("Allow", String.join(", ", allowedMethods(ctx.path())));
            }
            if (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null) {
                ctx.header("Connection", "close"); // the body is left unread
            }
            json.error(ctx, e.getStatus(), JsonErrorHandler.code(e.getStatus()), message);
        });
        c.routes.exception(Exception.class, (e, ctx) -> {
            // One line, no stack trace: what failed, where, and why.
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            LOG.error("{} {} failed: {}{}", ctx.req().getMethod(), ctx.path(), e,
                    at == null ? "" : " (at " + at.getClassName() + "." + at.getMethodName() + ":" + at.getLineNumber() + ")");
            json.error(ctx, 500, "internal", "the server failed to answer; see its log");
        });
    }

    /** The request without any method-override header, so that routing sees the request's own method. */
    private static org.eclipse.jetty.server.Request withoutMethodOverrides(org.eclipse.jetty.server.Request request) {
        org.eclipse.jetty.http.HttpFields.Mutable fields = org.eclipse.jetty.http.HttpFields.build(request.getHeaders());
        METHOD_OVERRIDES.forEach(fields::remove);
        org.eclipse.jetty.http.HttpFields headers = fields.asImmutable();
        return new org.eclipse.jetty.server.Request.Wrapper(request) {
            @Override
            public org.eclipse.jetty.http.HttpFields getHeaders() {
                return headers;
            }
        };
    }

    private void get(JavalinConfig c, String path, Handler handler) {
        c.routes.get(path, handler);
        routes.add(new Route("GET", path, false));
    }

    private void post(JavalinConfig c, String path, Handler handler) {
        c.routes.post(path, handler);
        routes.add(new Route("POST", path, true));
    }

    private void put(JavalinConfig c, String path, Handler handler) {
        c.routes.put(path, handler);
        routes.add(new Route("PUT", path, true));
    }

    private void delete(JavalinConfig c, String path, Handler handler) {
        c.routes.delete(path, handler);
        routes.add(new Route("DELETE", path, true));
    }

    /** The methods a request path is served with: its routes', or GET and HEAD for the dashboard's files. */
    List<String> allowedMethods(String path) {
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (Route r : routes) {
            if (r.matches(path)) {
                methods.add(r.method());
                if (r.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        if (methods.isEmpty() && !path.startsWith(API + "/")) {
            methods.addAll(List.of("GET", "HEAD"));
        }
        return List.copyOf(methods);
    }

    /** The route a request is for, if any. */
    private Route route(String method, String path) {
        for (Route r : routes) {
            if (r.method().equals(method) && r.matches(path)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Headers, rate limit, method and authentication, before any handler or static file. A request
     * turned away here keeps its body unread; its answer says {@code Connection: close}, so that no
     * client sends its next request on a connection the server is about to drop.
     */
    private void guard(Context ctx) {
        JsonErrorHandler.securityHeaders(ctx::header);
        try {
            check(ctx);
        } catch (ApiException e) {
            if (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null) {
                ctx.header("Connection", "close");
            }
            throw e;
        }
    }

    private void check(Context ctx) {
        String path = ctx.path();
        percentDecodes(path, "the path");
        percentDecodes(ctx.queryString(), "the query");
        boolean health = path.equals("/health");
        if (!health && rateLimiter != null && !rateLimiter.tryAcquire(ctx.ip())) {
            ctx.header("Retry-After", Long.toString(rateLimiter.retryAfterSeconds()));
            throw new ApiException(429, "rate_limited", "too many requests from this client: at most "
                    + config.ratePerSecond() + " per second (bursts of " + config.burst() + ")");
        }
        // The request's own method: method-override headers were dropped before routing.
        String method = ctx.req().getMethod();
        Route route = route(method, path);
        if (route == null && !method.equals("GET") && !method.equals("HEAD")) {
            List<String> allowed = allowedMethods(path);
            if (allowed.isEmpty()) {
                throw ApiException.notFound("no route " + method + " " + path);
            }
            ctx.header("Allow", String.join(", ", allowed));
            throw new ApiException(405, "method_not_allowed", method + " is not allowed on " + path
                    + "; allowed: " + String.join(", ", allowed));
        }
        if (health) {
            return;
        }
        boolean write = route != null && route.write();
        boolean api = path.startsWith(API + "/") || path.equals("/metrics");
        if (write || (config.protectReads() && api)) {
            authenticate(ctx, write);
        }
        if (write) {
            String length = ctx.header("Content-Length");
            if (length != null && parseLong(length) > config.maxBodyBytes()) {
                throw new ApiException(413, "too_large", "the body is larger than the limit of "
                        + config.maxBodyBytes() + " bytes; send smaller batches");
            }
        }
    }

    /** A path or query that is not valid percent-encoding ({@code %u002e}, {@code %zz}) is a bad request, not a failure. */
    private static void percentDecodes(String text, String what) {
        if (text == null || text.indexOf('%') < 0) {
            return;
        }
        try {
            java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", what + " is not valid percent-encoding");
        }
    }

    private void authenticate(Context ctx, boolean write) {
        String header = ctx.header("Authorization");
        if (config.tokenSha256() == null) {
            unauthorized(ctx, "no_token_configured", (write ? "writes are" : "this server is")
                    + " disabled: start the server with an API token (see renown token)");
        }
        if (header == null || header.isBlank()) {
            unauthorized(ctx, "unauthorized", "send the API token as 'Authorization: Bearer TOKEN'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !Tokens.matches(header.substring(7).trim(), config.tokenSha256())) {
            unauthorized(ctx, "invalid_token", "the API token is not valid");
        }
    }

    private static void unauthorized(Context ctx, String code, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"renown\"");
        throw new ApiException(401, code, message);
    }

    private void health(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean up;
        String database;
        try {
            service.store().ping();
            up = true;
            database = "up";
        } catch (RuntimeException e) {
            up = false;
            database = "down: " + e.getMessage();
        }
        ScoreView view = service.view();
        m.put("status", up ? "up" : "down");
        m.put("database", database);
        m.put("as_of", view.day() == null ? null : view.day().toString());
        m.put("accounts_scored", view.isEmpty() ? 0 : view.board().size());
        json.write(ctx, up ? 200 : 503, m);
    }

    /** Records one request's latency in the {@code http.server.requests} timer. */
    private void record(Context ctx, Float millis) {
        String route;
        Endpoint matched = null;
        try {
            matched = ctx.endpoints().lastHttpEndpoint();
        } catch (RuntimeException e) {
            // no endpoint matched: a static file or a 404
        }
        if (matched != null && matched.method.equals(ctx.method())) {
            route = matched.path;
        } else {
            route = ctx.status().getCode() == 404 ? "unmatched" : "static";
        }
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route and status")
                .tags("method", KNOWN_METHODS.contains(ctx.req().getMethod()) ? ctx.req().getMethod() : "other",
                        "route", route, "status", Integer.toString(ctx.status().getCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(metrics)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs the daily cycle while serving: every {@code tick}, {@code ingest} (the watched folders),
     * then each day that came due is scored ({@link DailyCycle}) and, once written, served. Call
     * before {@link #start()}.
     *
     * @param clock the cycle's clock (the system's UTC clock but in tests)
     */
    public RenownServer withDaily(DailyCycle.Schedule schedule, java.time.Clock clock, Duration tick, Runnable ingest) {
        if (daily != null) {
            throw new IllegalStateException("the daily cycle is already set");
        }
        Store store = service.store();
        daily = new DailyCycle(store, new dev.renown.store.Backfill(store, parameters, fixed, service.topicSource()),
                schedule, clock,
                fixed ? parameters.toString() : "calibration in force", m -> LOG.warn(m));
        dailyTick = tick;
        dailyIngest = ingest;
        Gauge.builder("renown.daily.last.success", daily,
                        d -> d.lastSuccess().map(t -> t.toEpochMilli() / 1e3).orElse(Double.NaN))
                .description("When the daily cycle last wrote a day's scores (Unix time)").baseUnit("seconds")
                .register(metrics);
        Gauge.builder("renown.daily.last.run.failed", daily,
                        d -> d.lastStatus().map(s -> dev.renown.store.RunRecord.FAILED.equals(s) ? 1.0 : 0.0)
                                .orElse(0.0))
                .description("1 when the daily cycle's latest run failed, else 0").register(metrics);
        service.daily(daily);
        return this;
    }

    /**
     * Takes events' topics from {@code source} (text, or a taxonomy: {@code TopicExtractor})
     * instead of their hashtags, for the served topics, campaign search, recomputes and the daily
     * cycle. Call before {@link #withDaily} and {@link #start()}.
     */
    public RenownServer withTopics(dev.renown.core.event.TopicSource source) {
        service.topics(source);
        return this;
    }

    /** Builds the view of the latest scores from the store, then serves. */
    public RenownServer start() {
        service.refresh();
        app.start();
        if (daily != null) {
            daily.start(dailyTick, dailyIngest, day -> service.refresh());
        }
        LOG.info("Renown serving {} on http://{}:{}/ (scores as of {}; writes {}; reads {})", service.store().url(),
                config.host(), port(), service.view().day(),
                config.tokenSha256() == null ? "disabled" : "need the API token",
                config.protectReads() ? "need the API token" : "public");
        return this;
    }

    /** The port served, once started (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The routes registered, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The routes Javalin actually dispatches to, as {@code METHOD path}. */
    List<String> dispatchedRoutes() {
        List<String> out = new ArrayList<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.isHttpMethod()) {
                out.add(e.endpoint.method.name() + " " + e.endpoint.path);
            }
        }
        return out;
    }

    /** The scores served now. */
    ScoreService service() {
        return service;
    }

    @Override
    public void close() {
        if (daily != null) {
            daily.close();
        }
        app.stop();
        service.close();
        metrics.close();
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("Content-Length", "is not a number");
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = RenownServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}

package dev.renown.cli;

import dev.renown.server.ServerConfig;
import dev.renown.server.Tokens;
import picocli.CommandLine.Option;

/**
 * How {@code renown serve} and {@code renown demo} serve. The API token is never taken on the
 * command line (other users could read it there): it comes as its SHA-256 ({@code --token-hash}
 * or {@code RENOWN_API_TOKEN_SHA256}), or as the token itself in {@code RENOWN_API_TOKEN}, which
 * is hashed at once; only the hash is kept.
 */
final class ServerOptions {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.PORT_DEFAULT,
            description = "Port to serve on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--token-hash", paramLabel = "SHA256",
            description = "SHA-256 (hex) of the API token that writes need, as printed by renown token "
                    + "(also RENOWN_API_TOKEN_SHA256, or the token itself in RENOWN_API_TOKEN). Without one, writes are refused.")
    String tokenHash;

    @Option(names = "--protect-reads",
            description = "Require the API token for reads too (default: reads are public).")
    boolean protectReads;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "" + ServerConfig.RATE_DEFAULT,
            description = "Requests per second each client may sustain (default: ${DEFAULT-VALUE}; 0: no limit).")
    double ratePerSecond;

    @Option(names = "--burst", paramLabel = "N", defaultValue = "" + ServerConfig.BURST_DEFAULT,
            description = "Requests a client may send at once above the rate (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + ServerConfig.MAX_BODY_DEFAULT,
            description = "Largest request body accepted (default: ${DEFAULT-VALUE}).")
    long maxBody;

    @Option(names = "--clock-skew", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "How far beyond the server's clock an ingested interaction may be dated (default: 1d); "
                    + "later ones are rejected as future-time.")
    java.time.Duration clockSkew;

    @Option(names = "--recompute-max-days", paramLabel = "N", defaultValue = "" + ServerConfig.RECOMPUTE_MAX_DAYS_DEFAULT,
            description = "Days one recompute writes at most, the latest ones (default: ${DEFAULT-VALUE}).")
    int recomputeMaxDays;

    @Option(names = "--recompute-time-limit", paramLabel = "DURATION", converter = TimeArguments.DurationConverter.class,
            description = "How long one recompute may run before it stops, between two days (default: 30m).")
    java.time.Duration recomputeTimeLimit;

    ServerConfig config() {
        return new ServerConfig(host, port, tokenSha256(), protectReads, maxBody, ratePerSecond, burst,
                clockSkew != null ? clockSkew : ServerConfig.CLOCK_SKEW_DEFAULT, recomputeMaxDays,
                recomputeTimeLimit != null ? recomputeTimeLimit : ServerConfig.RECOMPUTE_TIME_LIMIT_DEFAULT);
    }

    private String tokenSha256() {
        if (tokenHash != null) {
            return tokenHash;
        }
        String hash = System.getenv("RENOWN_API_TOKEN_SHA256");
        if (hash != null && !hash.isBlank()) {
            return hash.trim();
        }
        String token = System.getenv("RENOWN_API_TOKEN");
        if (token != null && !token.isBlank()) {
            return Tokens.sha256(token.trim());
        }
        return null;
    }
}

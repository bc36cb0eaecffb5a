package dev.renown.cli;

import picocli.CommandLine.Option;

import java.net.URI;
import java.util.List;

/** The options of {@code renown ingest --follow}: which stream, how long, how to resume. */
final class FollowOptions {

    /** Environment variable the Mastodon token is read from unless {@code --token-env} names another. */
    static final String TOKEN_ENV_DEFAULT = "RENOWN_MASTODON_TOKEN";

    @Option(names = "--url", paramLabel = "URL",
            description = "With --follow: for bluesky the Jetstream subscribe URL (default: "
                    + "wss://jetstream2.us-east.bsky.network/subscribe); for mastodon the server, https://HOST (required).")
    URI url;

    @Option(names = "--collections", paramLabel = "NSID", split = ",",
            description = "With --follow bluesky: collections to read, comma-separated (default: app.bsky.feed.post,"
                    + "app.bsky.feed.repost,app.bsky.feed.like,app.bsky.graph.follow).")
    List<String> collections;

    @Option(names = "--stream", paramLabel = "STREAM",
            description = "With --follow mastodon: public (default), public:local, hashtag:TAG or user (needs a token).")
    String stream;

    @Option(names = "--streaming-url", paramLabel = "URL",
            description = "With --follow mastodon: the streaming server, when the instance names another one "
                    + "(its urls.streaming); redirects are not followed, to keep the token with its server.")
    URI streamingUrl;

    @Option(names = "--token-env", paramLabel = "VAR",
            description = "With --follow mastodon: environment variable holding the access token (default: "
                    + TOKEN_ENV_DEFAULT + "). The token is never taken from the command line, nor printed.")
    String tokenEnv;

    @Option(names = "--max-events", paramLabel = "N",
            description = "With --follow: stop after N messages (default: run until Ctrl+C or SIGTERM).")
    Long maxEvents;

    @Option(names = "--max-seconds", paramLabel = "S",
            description = "With --follow: stop after S seconds.")
    Double maxSeconds;

    @Option(names = "--rewind", paramLabel = "SECONDS",
            description = "With --follow: how far before the stored cursor to resume; the overlap is dropped by event id "
                    + "(default: 5 for bluesky, 60 for mastodon).")
    Double rewindSeconds;

    @Option(names = "--commit-seconds", paramLabel = "S",
            description = "With --follow: longest a message waits for its commit (default: 1).")
    Double commitSeconds;

    /** Whether any option of this group was given. */
    boolean any() {
        return url != null || collections != null || stream != null || streamingUrl != null || tokenEnv != null
                || maxEvents != null || maxSeconds != null || rewindSeconds != null || commitSeconds != null;
    }
}

package dev.renown.cli;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.sources.live.LiveConnector;
import dev.renown.sources.live.LiveSink;

/**
 * A sink for the connector tests: delegates to the store's session and stops the connector once
 * the cursor of the last recorded event is committed.
 */
final class StopAtCursor implements LiveSink {

    private final LiveSink sink;
    private final String last;
    /** Set once the connector exists (it needs this sink to be built). */
    LiveConnector connector;

    StopAtCursor(LiveSink sink, String last) {
        this.sink = sink;
        this.last = last;
    }

    @Override
    public void accept(Interaction interaction) {
        sink.accept(interaction);
    }

    @Override
    public void profile(AccountProfile profile) {
        sink.profile(profile);
    }

    @Override
    public String cursor() {
        return sink.cursor();
    }

    @Override
    public void commit(String cursor) {
        sink.commit(cursor);
        if (last.equals(cursor)) {
            connector.stop();
        }
    }
}

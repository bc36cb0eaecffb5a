package dev.renown.cli;

import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.sources.live.LiveSink;
import dev.renown.store.StreamSession;

/** A live connector's sink on a store's stream session: each commit is one transaction with its cursor. */
final class StoreLiveSink implements LiveSink {

    private final StreamSession session;

    StoreLiveSink(StreamSession session) {
        this.session = session;
    }

    @Override
    public void accept(Interaction interaction) {
        session.accept(interaction);
    }

    @Override
    public void profile(AccountProfile profile) {
        session.profile(profile);
    }

    @Override
    public String cursor() {
        return session.cursor();
    }

    @Override
    public void commit(String cursor) {
        session.commit(cursor);
    }
}

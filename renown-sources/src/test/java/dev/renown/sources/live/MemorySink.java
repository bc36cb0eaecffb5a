package dev.renown.sources.live;

import dev.renown.core.event.Interaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps commits in memory, with a store's semantics: atomic commits, dedup by event id. */
final class MemorySink implements LiveSink {

    private final List<Interaction> pending = new ArrayList<>();
    final Map<String, Interaction> stored = new LinkedHashMap<>();
    final List<String> commits = new ArrayList<>();
    private String cursor;
    long duplicates;

    MemorySink(String cursor) {
        this.cursor = cursor;
    }

    @Override
    public synchronized void accept(Interaction interaction) {
        pending.add(interaction);
    }

    @Override
    public synchronized String cursor() {
        return cursor;
    }

    @Override
    public synchronized void commit(String c) {
        for (Interaction i : pending) {
            if (stored.putIfAbsent(i.eventId(), i) != null) {
                duplicates++;
            }
        }
        pending.clear();
        cursor = c;
        commits.add(c);
    }
}

package dev.renown.core.topic;

import java.io.IOException;
import java.util.List;

/** Parents of a taxonomy form one or more cycles; the message names each, e.g. {@code a -> b -> a}. */
public final class TaxonomyCycleException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<List<String>> cycles;

    TaxonomyCycleException(List<List<String>> cycles) {
        super("cycle in topic parents: " + String.join("; ",
                cycles.stream().map(c -> String.join(" -> ", c)).toList()));
        this.cycles = List.copyOf(cycles.stream().map(List::copyOf).toList());
    }

    /** Each cycle, its first topic repeated at the end. */
    public List<List<String>> cycles() {
        return cycles;
    }
}

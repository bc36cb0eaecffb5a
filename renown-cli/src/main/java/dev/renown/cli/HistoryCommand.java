package dev.renown.cli;

import dev.renown.core.event.AccountKey;
import dev.renown.store.Snapshot;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code renown history}: an account's daily scores, with day, week and month deltas. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print an account's daily scores from the stored snapshots (see renown backfill), with the "
                + "change since the day, week and month before.")
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCOUNT", description = "network:id, a bare id, or a handle; with --person, "
            + "a person's id.")
    String account;

    @Option(names = "--person", description = "The combined daily scores of the person ACCOUNT names (written by "
            + "backfill and the daily cycle while the person is linked).")
    boolean person;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--from", paramLabel = "DAY", description = "First day (default: 90 days before --to).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DAY", description = "Last day (default: the last day with snapshots).")
    LocalDate to;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            if (person) {
                return personHistory(store, out);
            }
            List<AccountKey> found = store.findAccounts(account);
            if (found.isEmpty()) {
                throw new Renown.UserError("account '" + account + "' is not in " + store.url(), 1);
            }
            if (found.size() > 1) {
                throw new Renown.UserError("'" + account + "' matches " + found + "; say which as network:id", 2);
            }
            AccountKey key = found.get(0);
            List<LocalDate> days = store.snapshotDays();
            if (days.isEmpty()) {
                throw new Renown.UserError("no snapshots in " + store.url() + "; write some with renown backfill", 1);
            }
            LocalDate end = to != null ? to : days.get(days.size() - 1);
            LocalDate start = from != null ? from : end.minusDays(90);
            // A month back from the first day shown, for its deltas.
            List<Snapshot> all = store.history(key, start.minusDays(30), end);
            Map<LocalDate, Snapshot> byDay = new HashMap<>();
            all.forEach(s -> byDay.put(s.day(), s));
            List<Snapshot> shown = all.stream().filter(s -> !s.day().isBefore(start)).toList();
            if (json) {
                json(out, key, shown, byDay);
            } else {
                out.printf(Locale.ROOT, "%s — daily scores %s to %s%n", key, start, end);
                out.printf(Locale.ROOT, "%-10s %6s %7s %7s %7s %7s %10s %10s%n", "day", "score", "Δday", "Δweek", "Δmonth",
                        "rank", "reach", "percentile");
                for (Snapshot s : shown) {
                    out.printf(Locale.ROOT, "%-10s %6.1f %7s %7s %7s %7d %10.1f %9.2f%%%n", s.day(), s.score(),
                            delta(s, byDay.get(s.day().minusDays(1))), delta(s, byDay.get(s.day().minusDays(7))),
                            delta(s, byDay.get(s.day().minusDays(30))), s.rank(), s.reach(), s.percentile());
                }
                if (shown.isEmpty()) {
                    out.println("(no snapshots of this account in that range)");
                }
            }
        }
        out.flush();
        return 0;
    }

    private int personHistory(Store store, PrintWriter out) throws java.io.IOException {
        if (store.people().accounts(account).isEmpty()) {
            throw new Renown.UserError("no person '" + account + "' is linked in " + store.url()
                    + " (renown people import FILE links some)", 1);
        }
        List<LocalDate> days = store.snapshotDays();
        LocalDate end = to != null ? to : days.isEmpty() ? LocalDate.now(java.time.ZoneOffset.UTC) : days.get(days.size() - 1);
        LocalDate start = from != null ? from : end.minusDays(90);
        List<dev.renown.store.PersonSnapshot> all = store.personHistory(account, start.minusDays(7), end);
        Map<LocalDate, Double> byDay = new HashMap<>();
        all.forEach(s -> byDay.put(s.day(), s.score()));
        List<dev.renown.store.PersonSnapshot> shown = all.stream().filter(s -> !s.day().isBefore(start)).toList();
        if (json) {
            try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory()
                    .createGenerator(out)) {
                g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("person", account);
                g.writeArrayFieldStart("history");
                for (dev.renown.store.PersonSnapshot s : shown) {
                    g.writeStartObject();
                    g.writeStringField("day", s.day().toString());
                    g.writeNumberField("score", s.score());
                    g.writeNumberField("rank", s.rank());
                    g.writeNumberField("reach", s.reach());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.println();
        } else {
            out.printf(Locale.ROOT, "person %s — combined daily scores %s to %s%n", account, start, end);
            out.printf(Locale.ROOT, "%-10s %6s %7s %7s %7s %10s%n", "day", "score", "Δday", "Δweek", "rank", "reach");
            for (dev.renown.store.PersonSnapshot s : shown) {
                Double day = byDay.get(s.day().minusDays(1));
                Double week = byDay.get(s.day().minusDays(7));
                out.printf(Locale.ROOT, "%-10s %6.1f %7s %7s %7d %10.1f%n", s.day(), s.score(),
                        day == null ? "" : String.format(Locale.ROOT, "%+.1f", s.score() - day),
                        week == null ? "" : String.format(Locale.ROOT, "%+.1f", s.score() - week), s.rank(), s.reach());
            }
            if (shown.isEmpty()) {
                out.println("(no scores of this person in that range: backfill writes them once it is linked)");
            }
        }
        out.flush();
        return 0;
    }

    private static String delta(Snapshot now, Snapshot before) {
        return before == null ? "" : String.format(Locale.ROOT, "%+.1f", now.score() - before.score());
    }

    private static void json(PrintWriter out, AccountKey key, List<Snapshot> shown, Map<LocalDate, Snapshot> byDay)
            throws java.io.IOException {
        try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory()
                .createGenerator(out)) {
            g.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("account", key.toString());
            g.writeArrayFieldStart("history");
            for (Snapshot s : shown) {
                g.writeStartObject();
                g.writeStringField("day", s.day().toString());
                g.writeNumberField("score", s.score());
                g.writeNumberField("rank", s.rank());
                g.writeNumberField("percentile", s.percentile());
                g.writeObjectFieldStart("delta");
                deltaField(g, "day", s, byDay.get(s.day().minusDays(1)));
                deltaField(g, "week", s, byDay.get(s.day().minusDays(7)));
                deltaField(g, "month", s, byDay.get(s.day().minusDays(30)));
                g.writeEndObject();
                g.writeObjectFieldStart("signals");
                g.writeNumberField("reach", s.reach());
                g.writeNumberField("amplification", s.amplification());
                g.writeNumberField("network_impact", s.networkImpact());
                g.writeNumberField("conversation", s.conversation());
                g.writeNumberField("outreach", s.outreach());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    private static void deltaField(com.fasterxml.jackson.core.JsonGenerator g, String name, Snapshot now,
                                   Snapshot before) throws java.io.IOException {
        if (before == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, now.score() - before.score());
        }
    }
}

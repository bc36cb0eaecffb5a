package dev.renown.cli;

import dev.renown.core.event.AccountKey;
import dev.renown.store.Store;
import dev.renown.store.TopicScore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code renown topics}: what accounts are influential about, from the stored topic scores. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Print the topics (hashtags) scored on a day with their leading accounts, or one account's "
                + "topics — from the topic scores renown backfill writes when interactions carry hashtags.")
final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACCOUNT", description = "network:id, a bare id, or a handle.")
    String account;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--day", paramLabel = "DAY", description = "The day (default: the last day with snapshots).")
    LocalDate day;

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "5",
            description = "Accounts listed per topic (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = storeOptions.open()) {
            List<LocalDate> days = store.snapshotDays();
            if (day == null && days.isEmpty()) {
                throw new Renown.UserError("no snapshots in " + store.url() + "; write some with renown backfill", 1);
            }
            LocalDate d = day != null ? day : days.get(days.size() - 1);
            if (account == null) {
                List<String> topics = store.topics(d);
                if (topics.isEmpty()) {
                    out.println("No topic scores on " + d + ": the interactions carry no hashtags, or none was used "
                            + "in enough interactions.");
                }
                for (String topic : topics) {
                    out.printf(Locale.ROOT, "#%s%n", topic);
                    for (TopicScore s : store.topicLeaders(d, topic, top)) {
                        out.printf(Locale.ROOT, "  %4d  %-30s %6.1f%n", s.rank(), s.account(), s.score());
                    }
                }
            } else {
                List<AccountKey> found = store.findAccounts(account);
                if (found.size() != 1) {
                    throw new Renown.UserError(found.isEmpty() ? "account '" + account + "' is not in " + store.url()
                            : "'" + account + "' matches " + found + "; say which as network:id", found.isEmpty() ? 1 : 2);
                }
                List<TopicScore> scores = store.topicScores(found.get(0), d);
                out.printf(Locale.ROOT, "%s — topics on %s%n", found.get(0), d);
                for (TopicScore s : scores) {
                    out.printf(Locale.ROOT, "  #%-28s score %5.1f, rank %d%n", s.topic(), s.score(), s.rank());
                }
                if (scores.isEmpty()) {
                    out.println("  (no topic scores for this account on that day)");
                }
            }
        }
        out.flush();
        return 0;
    }
}

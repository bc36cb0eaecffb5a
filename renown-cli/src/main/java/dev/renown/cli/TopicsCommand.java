package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.event.AccountKey;
import dev.renown.core.event.EventTable;
import dev.renown.core.find.CampaignSearch;
import dev.renown.core.find.Candidate;
import dev.renown.core.find.FindQuery;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.TopicScoring;
import dev.renown.store.Store;
import dev.renown.store.TopicScore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code renown topics}: what accounts are influential about. With {@code --input}, {@code --topics}
 * or {@code --taxonomy} the topics are scored now from the events (the files, or the database's
 * window) — a leaderboard per topic, or an account's fingerprint, each with its evidence and the
 * minimum-evidence rule of {@code renown find}; otherwise the topic scores {@code renown backfill}
 * stored are printed.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "A leaderboard per topic, or one account's topic fingerprint (its top topics with scores and "
                + "evidence). With --input, --topics or --taxonomy the topics are scored now from the events (files, "
                + "or the database's window), keeping accounts that meet the evidence rule of renown find; otherwise "
                + "the topic scores renown backfill stored for a day are printed.")
final class TopicsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACCOUNT", description = "network:id, a bare id, or a handle.")
    String account;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "Input (without --input, the interactions or stored topic scores in the database):%n")
    FindCommand.Input input;

    @Mixin
    ScoringSetup setup = new ScoringSetup();

    @Option(names = "--day", paramLabel = "DAY",
            description = "Stored scores: the day (default: the last day with snapshots).")
    LocalDate day;

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "5",
            description = "Accounts listed per topic, or topics in a fingerprint (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-topics", paramLabel = "N", defaultValue = "" + TopicScoring.MAX_TOPICS_DEFAULT,
            description = "Scored now: at most this many topics, the most used first (default: ${DEFAULT-VALUE}).")
    int maxTopics;

    @Option(names = "--min-interactions", paramLabel = "N", defaultValue = "" + TopicScoring.MIN_INTERACTIONS_DEFAULT,
            description = "Scored now: only topics of at least N interactions between two accounts in the window "
                    + "(default: ${DEFAULT-VALUE}).")
    int minInteractions;

    @Option(names = "--min-posts", paramLabel = "N", defaultValue = "" + TopicScoring.MIN_POSTS_CONTENT,
            description = "Scored now: only topics of at least N distinct posts (a repost's post is the original), so "
                    + "that the words of one viral post are no topic (default: ${DEFAULT-VALUE}).")
    int minPosts;

    @Option(names = "--json", description = "Print JSON instead of text (scored now only).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (input != null || !setup.topics.hashtagsOnly()) {
            return scoredNow();
        }
        if (json) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json needs the topics scored now: give "
                    + "--input, --topics or --taxonomy");
        }
        return stored();
    }

    /** Scores the topics from the events and prints the leaderboards, or the account's fingerprint. */
    private int scoredNow() throws IOException {
        CommandLine cli = spec.commandLine();
        if (top < 1 || maxTopics < 1 || minInteractions < 1 || minPosts < 1) {
            throw new CommandLine.ParameterException(cli,
                    "--top, --max-topics, --min-interactions and --min-posts must be >= 1");
        }
        PrintWriter err = cli.getErr();
        ScoringSetup.Scored scored = setup.load(input == null ? null : input.options(), err, true, null);
        ScoreBoard overall = scored.board();
        EventTable table = overall.table();
        Scorer scorer = new Scorer(scored.calibration().parameters());
        List<TopicScoring.TopicBoard> boards;
        String only = setup.scoring.topic;
        if (only != null) {
            int t = table.topicIndex(FindQuery.of(only).topic());
            if (t < 0) {
                throw new Renown.UserError("--topic: no interaction has the topic '" + only + "'", 1);
            }
            ScoreBoard board = scorer.score(table.withTopic(t), overall.asOfMillis());
            boards = List.of(new TopicScoring.TopicBoard(table.topicName(t), board.graph().interactionCount(), board));
        } else {
            boards = new TopicScoring(scorer, maxTopics, minInteractions, minPosts).score(table, overall.asOfMillis());
        }
        CampaignSearch search = new CampaignSearch(overall, boards);
        PrintWriter out = cli.getOut();
        if (account != null) {
            if (overall.node(account).isEmpty()) {
                throw new Renown.UserError("account '" + account + "' is not among the scored accounts", 1);
            }
            fingerprint(search, boards.size(), out);
        } else {
            leaderboards(search, boards, out);
        }
        out.flush();
        return scored.exitCode();
    }

    private void leaderboards(CampaignSearch search, List<TopicScoring.TopicBoard> boards, PrintWriter out)
            throws IOException {
        List<List<Candidate>> leaders = new ArrayList<>();
        for (TopicScoring.TopicBoard b : boards) {
            leaders.add(search.find(FindQuery.of(b.topic()).withLimit(top)).candidates());
        }
        if (json) {
            try (JsonGenerator g = generator(out)) {
                g.writeStartObject();
                rule(g, search);
                g.writeArrayFieldStart("topics");
                for (int i = 0; i < boards.size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("topic", boards.get(i).topic());
                    g.writeNumberField("interactions", boards.get(i).interactions());
                    g.writeNumberField("accounts", boards.get(i).board().size());
                    g.writeArrayFieldStart("leaders");
                    for (Candidate c : leaders.get(i)) {
                        candidate(g, c);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.println();
            return;
        }
        if (boards.isEmpty()) {
            out.printf(Locale.ROOT, "No topic was used in %d interactions or more on %d posts or more in the window.%n",
                    minInteractions, minPosts);
        }
        out.printf(Locale.ROOT, "%d topics, most used first; leaders with at least %d engagers on %d posts%n",
                boards.size(), search.minEngagers(), search.minPosts());
        for (int i = 0; i < boards.size(); i++) {
            TopicScoring.TopicBoard b = boards.get(i);
            out.printf(Locale.ROOT, "%s  (%,d interactions, %,d accounts scored)%n", b.topic(), b.interactions(),
                    b.board().size());
            for (Candidate c : leaders.get(i)) {
                out.printf(Locale.ROOT, "  %4d  %-44s %6.1f  %4d engagers %4d posts %5d engaged%n", c.rank(),
                        c.label(), c.score(), c.topicEngagers(), c.topicPosts(), c.topicInteractions());
            }
            if (leaders.get(i).isEmpty()) {
                out.println("  (no account meets the evidence rule)");
            }
        }
    }

    private void fingerprint(CampaignSearch search, int scoredTopics, PrintWriter out) throws IOException {
        List<Candidate> topics = search.fingerprint(account, top);
        ScoreBoard overall = search.overall();
        int a = overall.graph().account(overall.node(account).getAsInt());
        String key = overall.table().accounts().key(a).toString();
        String handle = overall.table().accounts().handle(a).map(h -> " (@" + h + ")").orElse("");
        if (json) {
            try (JsonGenerator g = generator(out)) {
                g.writeStartObject();
                g.writeStringField("account", key);
                g.writeNumberField("topics_scored", scoredTopics);
                rule(g, search);
                g.writeArrayFieldStart("topics");
                for (Candidate c : topics) {
                    candidate(g, c);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.println();
            return;
        }
        out.printf(Locale.ROOT, "%s%s — top topics of %d scored (evidence: at least %d engagers on %d posts)%n", key,
                handle, scoredTopics, search.minEngagers(), search.minPosts());
        for (Candidate c : topics) {
            out.printf(Locale.ROOT, "  %2d  %-28s score %5.1f, rank %d; %d engagers, %d posts, %d engaged%n",
                    c.position(), c.topic(), c.score(), c.rank(), c.topicEngagers(), c.topicPosts(),
                    c.topicInteractions());
        }
        if (topics.isEmpty()) {
            out.println("  (no topic where the account meets the evidence rule)");
        }
    }

    private static JsonGenerator generator(PrintWriter out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return g;
    }

    private static void rule(JsonGenerator g, CampaignSearch search) throws IOException {
        g.writeNumberField("min_engagers", search.minEngagers());
        g.writeNumberField("min_posts", search.minPosts());
    }

    private static void candidate(JsonGenerator g, Candidate c) throws IOException {
        g.writeStartObject();
        g.writeStringField("topic", c.topic());
        FindCommand.scoreAndEvidence(g, c);
        g.writeEndObject();
    }

    /** The topic scores backfill stored for a day. */
    private int stored() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = setup.store.open()) {
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

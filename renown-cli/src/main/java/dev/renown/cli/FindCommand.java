package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.event.EventTable;
import dev.renown.core.find.CampaignSearch;
import dev.renown.core.find.Candidate;
import dev.renown.core.find.FindQuery;
import dev.renown.core.find.FindResult;
import dev.renown.core.score.ScoreBoard;
import dev.renown.core.score.Scorer;
import dev.renown.core.score.TopicScoring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code renown find}: campaign search. Scores the input (or the database) as {@code renown score}
 * does, scores the {@code --topic} on its own interactions, and lists the candidates that pass the
 * filters, best topic score first, each with why it matched. Definitions: docs/find.md.
 */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = "Campaign search: the accounts most influential on a topic (--topic; the overall score when "
                + "the data carries no topics), filtered by network, score, audience, conversation rate, integrity "
                + "and audience overlap with seed accounts, each with why it matched; as a table, JSON or CSV.")
final class FindCommand implements Callable<Integer> {

    /** The CSV's header; one row per candidate follows. */
    static final String CSV_HEADER = "position,account,label,topic,score,rank,topic_engagers,topic_interactions,"
            + "topic_posts,overall_score,audience,audience_source,audience_band,conversation_rate,integrity,"
            + "shared_engagers,overlap";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(exclusive = false, multiplicity = "0..1",
            heading = "Input (without --input, the interactions in the database are searched):%n")
    Input input;

    @Mixin
    ScoringSetup setup = new ScoringSetup();

    @Option(names = "--network", paramLabel = "NAME", description = "Only accounts of this network (e.g. twitter, snap).")
    String network;

    @Option(names = "--min-score", paramLabel = "S", defaultValue = "0",
            description = "Only candidates scoring at least S (0-100) on the topic (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--audience", paramLabel = "MIN-MAX",
            description = "Only audiences in this band: followers when the data has them, else distinct engagers in the "
                    + "window. E.g. 1000-50000, 10k-1M, 500- (no maximum).")
    String audience;

    @Option(names = "--min-conversation", paramLabel = "R", defaultValue = "0",
            description = "Only candidates whose conversation rate (replies, quotes and mentions over all engagement "
                    + "received) is at least R, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double minConversation;

    @Option(names = "--exclude-flagged", description = "Leave out accounts whose integrity is flagged.")
    boolean excludeFlagged;

    @Option(names = "--similar-to", paramLabel = "ACCOUNT", arity = "1..*",
            description = "Seed accounts: only candidates sharing engagers with them, with the share of their engagers "
                    + "who also engaged a seed (the overlap).")
    List<String> similarTo = new ArrayList<>();

    @Option(names = "--min-overlap", paramLabel = "R", defaultValue = "0",
            description = "With --similar-to, the smallest overlap kept, in [0, 1] (default: ${DEFAULT-VALUE}: any "
                    + "shared engager).")
    double minOverlap;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "How many candidates (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the candidates to this CSV file.")
    Path csv;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /**
     * The input options of {@code renown score} but {@code --network}, which here filters the
     * candidates (readers use their format's default network, snap for SNAP files).
     */
    static final class Input {
        @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true,
                description = "Interaction file to read (gzip is recognised); repeat for several files.")
        List<Path> inputs = new ArrayList<>();

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
                description = "Input format: ${COMPLETION-CANDIDATES}. Detected from the file when omitted.",
                completionCandidates = InputOptions.FormatNames.class)
        String format;

        @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "renown-rejects.ndjson",
                description = "Where records that cannot be read are written (default: ${DEFAULT-VALUE}).")
        Path rejectsFile;

        InputOptions options() {
            InputOptions o = new InputOptions();
            o.inputs = inputs;
            o.format = format;
            o.rejectsFile = rejectsFile;
            return o;
        }
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        FindQuery query = query(cli);
        PrintWriter err = cli.getErr();
        ScoringSetup.Scored scored = setup.load(input == null ? null : input.options(), err, true, null);
        ScoreBoard overall = scored.board();
        List<TopicScoring.TopicBoard> topics = new ArrayList<>();
        EventTable table = overall.table();
        if (query.topic() != null) {
            if (table.topicCount() == 0) {
                err.println("renown: the data carries no topics (" + (setup.topics.hashtagsOnly() ? "hashtags"
                        : "none in its text or hashtags") + "): candidates are ranked by their overall score");
            } else {
                int t = table.topicIndex(query.topic());
                if (t < 0) {
                    throw new Renown.UserError(setup.topics.hashtagsOnly() ? "--topic: no interaction is tagged #"
                            + query.topic() : "--topic: no interaction has the topic '" + query.topic() + "'", 1);
                }
                ScoreBoard board = new Scorer(scored.calibration().parameters()).score(table.withTopic(t),
                        overall.asOfMillis());
                topics.add(new TopicScoring.TopicBoard(table.topicName(t), board.graph().interactionCount(), board));
            }
        }
        if (network != null && !table.accounts().networks().contains(network)) {
            throw new Renown.UserError("--network: no account of network '" + network + "' in the data (networks: "
                    + String.join(", ", table.accounts().networks()) + ")", 2);
        }
        for (String seed : similarTo) {
            if (overall.node(seed).isEmpty()) {
                throw new Renown.UserError("--similar-to: account '" + seed + "' is not among the scored accounts", 1);
            }
        }
        long start = System.nanoTime();
        CampaignSearch search = new CampaignSearch(overall, topics);
        long built = System.nanoTime();
        FindResult result = search.find(query);
        long answered = System.nanoTime();
        err.printf(Locale.ROOT, "renown: indexed %,d accounts in %.0f ms, searched in %.1f ms%n", overall.size(),
                (built - start) / 1e6, (answered - built) / 1e6);
        PrintWriter out = cli.getOut();
        if (json) {
            json(result, search, out);
        } else {
            text(result, search, query, setup.topics.hashtagsOnly() ? "#" : "topic ", out);
        }
        out.flush();
        if (csv != null) {
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                csv(result, w);
            }
            err.printf(Locale.ROOT, "renown: wrote %,d candidates to %s%n", result.candidates().size(), csv);
        }
        return scored.exitCode();
    }

    /** The query the options describe; a bad value is a usage error naming its option (exit 2). */
    private FindQuery query(CommandLine cli) {
        check(cli, limit >= 1, "--limit must be >= 1, got " + limit);
        check(cli, minScore >= 0 && minScore <= 100, "--min-score must be in [0, 100], got " + minScore);
        check(cli, minConversation >= 0 && minConversation <= 1,
                "--min-conversation must be in [0, 1], got " + minConversation);
        check(cli, minOverlap >= 0 && minOverlap <= 1, "--min-overlap must be in [0, 1], got " + minOverlap);
        check(cli, minOverlap == 0 || !similarTo.isEmpty(), "--min-overlap needs --similar-to");
        long[] band = audience == null ? new long[] {0, Long.MAX_VALUE} : band(cli, audience);
        return FindQuery.of(setup.scoring.topic).withNetwork(network).withMinScore(minScore)
                .withAudience(band[0], band[1]).withMinConversation(minConversation).withExcludeFlagged(excludeFlagged)
                .withSimilarTo(similarTo).withMinOverlap(minOverlap).withLimit(limit);
    }

    /** {@code MIN-MAX}, either end optional, each a whole number with an optional k or M suffix. */
    static long[] band(CommandLine cli, String text) {
        int dash = text.indexOf('-');
        check(cli, dash >= 0 && dash == text.lastIndexOf('-'), "--audience must be MIN-MAX (e.g. 1000-50000, 10k-1M, "
                + "500-), got '" + text + "'");
        long min = text.substring(0, dash).isBlank() ? 0 : count(cli, text.substring(0, dash), text);
        long max = text.substring(dash + 1).isBlank() ? Long.MAX_VALUE : count(cli, text.substring(dash + 1), text);
        check(cli, min <= max, "--audience: the minimum " + min + " is above the maximum " + max);
        return new long[] {min, max};
    }

    private static long count(CommandLine cli, String part, String text) {
        String p = part.strip();
        long unit = 1;
        if (p.endsWith("k") || p.endsWith("K")) {
            unit = 1000;
        } else if (p.endsWith("m") || p.endsWith("M")) {
            unit = 1_000_000;
        }
        String digits = unit == 1 ? p : p.substring(0, p.length() - 1);
        try {
            double x = Double.parseDouble(digits) * unit;
            check(cli, x >= 0 && x == Math.rint(x) && !digits.isEmpty() && Character.isDigit(digits.charAt(0)),
                    "--audience: '" + part + "' in '" + text + "' is not a whole count");
            return (long) x;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cli, "--audience: '" + part + "' in '" + text + "' is not a count");
        }
    }

    private static void check(CommandLine cli, boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(cli, message);
        }
    }

    private static String basis(FindResult r, String topicPrefix) {
        return r.topic() != null ? topicPrefix + r.topic() : r.fallback() ? "overall score (the data carries no topics)"
                : "overall score";
    }

    private static void text(FindResult r, CampaignSearch search, FindQuery q, String topicPrefix, PrintWriter out) {
        out.printf(Locale.ROOT, "%,d candidates for %s, from %,d accounts ranked (%,d examined); evidence: at least "
                        + "%d engagers on %d posts (days when the data names no post)%n", r.candidates().size(),
                basis(r, topicPrefix), r.ranked(), r.examined(), search.minEngagers(), search.minPosts());
        StringBuilder excluded = new StringBuilder();
        for (FindResult.Filter f : FindResult.Filter.values()) {
            if (r.excluded(f) > 0) {
                excluded.append(excluded.length() == 0 ? "" : ", ").append(f.name().toLowerCase(Locale.ROOT)
                        .replace('_', '-')).append(' ').append(String.format(Locale.ROOT, "%,d", r.excluded(f)));
            }
        }
        out.println("excluded: " + (excluded.length() == 0 ? "none" : excluded));
        out.printf(Locale.ROOT, "%4s  %-30s %6s %6s %8s %6s %8s  %-20s %5s  %-9s %s%n", "#", "account", "score", "rank",
                "engagers", "posts", "engaged", "audience", "conv", "integrity", q.similarTo().isEmpty() ? ""
                        : "overlap");
        for (Candidate c : r.candidates()) {
            out.printf(Locale.ROOT, "%4d  %-30s %6.1f %6d %8d %6d %8d  %-20s %5.2f  %-9s %s%n", c.position(),
                    c.account(), c.score(), c.rank(), c.topicEngagers(), c.topicPosts(), c.topicInteractions(),
                    String.format(Locale.ROOT, "%,d %s", c.audience(), c.audienceFollowers() ? "followers" : "engagers"),
                    c.conversationRate(), c.flagged() ? "FLAGGED" : "ok", q.similarTo().isEmpty() ? ""
                            : String.format(Locale.ROOT, "%.2f (%,d shared)", c.overlap(), c.sharedEngagers()));
        }
    }

    /** The candidates as CSV: {@link #CSV_HEADER}, then one row each; numbers unrounded. */
    static void csv(FindResult r, Writer w) throws IOException {
        w.write(CSV_HEADER);
        w.write('\n');
        for (Candidate c : r.candidates()) {
            w.write(String.join(",", String.valueOf(c.position()), quote(c.account().toString()), quote(c.label()),
                    quote(c.topic() == null ? "" : c.topic()), String.valueOf(c.score()), String.valueOf(c.rank()),
                    String.valueOf(c.topicEngagers()), String.valueOf(c.topicInteractions()),
                    String.valueOf(c.topicPosts()), String.valueOf(c.overallScore()), String.valueOf(c.audience()),
                    c.audienceFollowers() ? "followers" : "engagers", quote(c.audienceBand()),
                    String.valueOf(c.conversationRate()), c.flagged() ? "flagged" : "ok",
                    String.valueOf(c.sharedEngagers()), Double.isNaN(c.overlap()) ? "" : String.valueOf(c.overlap())));
            w.write('\n');
        }
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled. */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static void json(FindResult r, CampaignSearch search, PrintWriter out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            if (r.topic() == null) {
                g.writeNullField("topic");
            } else {
                g.writeStringField("topic", r.topic());
            }
            g.writeBooleanField("fallback", r.fallback());
            g.writeNumberField("ranked", r.ranked());
            g.writeNumberField("examined", r.examined());
            g.writeNumberField("min_engagers", search.minEngagers());
            g.writeNumberField("min_posts", search.minPosts());
            g.writeObjectFieldStart("excluded");
            for (Map.Entry<FindResult.Filter, Integer> e : new java.util.TreeMap<>(r.excluded()).entrySet()) {
                g.writeNumberField(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("candidates");
            for (Candidate c : r.candidates()) {
                g.writeStartObject();
                g.writeNumberField("position", c.position());
                scoreAndEvidence(g, c);
                g.writeNumberField("overall_score", c.overallScore());
                g.writeNumberField("audience", c.audience());
                g.writeStringField("audience_source", c.audienceFollowers() ? "followers" : "engagers");
                g.writeStringField("audience_band", c.audienceBand());
                g.writeNumberField("conversation_rate", c.conversationRate());
                g.writeBooleanField("flagged", c.flagged());
                if (!Double.isNaN(c.overlap())) {
                    g.writeNumberField("shared_engagers", c.sharedEngagers());
                    g.writeNumberField("overlap", c.overlap());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    /** A candidate's account, label, score and rank on the board searched, and its topic evidence. */
    static void scoreAndEvidence(JsonGenerator g, Candidate c) throws IOException {
        g.writeStringField("account", c.account().toString());
        g.writeStringField("label", c.label());
        g.writeNumberField("score", c.score());
        g.writeNumberField("rank", c.rank());
        g.writeObjectFieldStart("evidence");
        g.writeNumberField("engagers", c.topicEngagers());
        g.writeNumberField("interactions", c.topicInteractions());
        g.writeNumberField("posts", c.topicPosts());
        g.writeEndObject();
    }
}

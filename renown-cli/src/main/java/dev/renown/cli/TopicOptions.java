package dev.renown.cli;

import dev.renown.core.event.TopicSource;
import dev.renown.core.topic.Taxonomy;
import dev.renown.core.topic.TaxonomyCycleException;
import dev.renown.core.topic.TopicExtractor;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where events' topics come from: {@code --topics content|hashtags} and {@code --taxonomy FILE}.
 *
 * <table>
 *   <caption>topics by option</caption>
 *   <tr><th></th><th>no taxonomy</th><th>{@code --taxonomy FILE}</th></tr>
 *   <tr><td>{@code hashtags}</td><td>the hashtags as the reader gave them (the default)</td>
 *       <td>the taxonomy's topics matched by the hashtags only</td></tr>
 *   <tr><td>{@code content}</td><td>raw keys of text and hashtags: hashtags, $cashtags, @mentions,
 *       keyword phrases</td><td>the taxonomy's topics matched by the text and hashtags (the default
 *       with a taxonomy)</td></tr>
 * </table>
 * Data without text (SNAP) has only its hashtags to give either way. Definitions: docs/topics.md.
 */
final class TopicOptions {

    /** {@code --topics} values. */
    enum Source { content, hashtags }

    @Option(names = "--topics", paramLabel = "SOURCE",
            description = "Where topics come from: content (hashtags, $cashtags, @mentions and keyword phrases of the "
                    + "text, or the taxonomy's topics) or hashtags (as the reader gives them). Default: hashtags, or "
                    + "content with --taxonomy. Data without text falls back to its hashtags.")
    Source source;

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "Topics defined by a taxonomy file (topic.keywords/hashtags/cashtags/mentions/parent = …; "
                    + "docs/topics.md); topics are the taxonomy's, with their parents. Lines it cannot use are "
                    + "listed on stderr (exit 3).")
    Path taxonomy;

    /** Problems the taxonomy had (lines left out), once {@link #source(PrintWriter)} read it. */
    int problems;

    /** Whether topics are the hashtags as they are (no option changes them). */
    boolean hashtagsOnly() {
        return taxonomy == null && source != Source.content;
    }

    /** A short description for cache keys and messages: hashtags, content, or content+taxonomy path. */
    String describe() throws IOException {
        if (hashtagsOnly()) {
            return "hashtags";
        }
        String s = (source == null ? Source.content : source).name();
        return taxonomy == null ? s : s + "+taxonomy:" + taxonomy.toAbsolutePath().normalize() + ","
                + Files.size(taxonomy) + "," + Files.getLastModifiedTime(taxonomy).toMillis();
    }

    /**
     * The topic source the options name, or null for the hashtags as they are. Reads the
     * taxonomy, printing each line it left out on stderr ({@link #problems} counts them); a missing
     * file or a cycle of parents is a user error (exit 2).
     */
    TopicSource source(PrintWriter err) {
        if (hashtagsOnly()) {
            return null;
        }
        if (taxonomy == null) {
            return TopicExtractor.raw();
        }
        if (!Files.isReadable(taxonomy)) {
            throw new Renown.UserError("--taxonomy: cannot read " + taxonomy, 2);
        }
        Taxonomy t;
        try {
            t = Taxonomy.read(taxonomy);
        } catch (TaxonomyCycleException e) {
            throw new Renown.UserError("--taxonomy: " + taxonomy + ": " + e.getMessage(), 2);
        } catch (IOException e) {
            throw new Renown.UserError("--taxonomy: cannot read " + taxonomy + ": " + e.getMessage(), 2);
        }
        problems = t.problems().size();
        if (problems > 0) {
            err.printf(Locale.ROOT, "renown: %s: %d line(s) or value(s) left out:%n", taxonomy, problems);
            for (Object p : t.problems()) {
                err.println("  " + p);
            }
        }
        err.printf(Locale.ROOT, "renown: %d taxonomy topics from %s%s%n", t.topics().size(), taxonomy,
                source == Source.hashtags ? ", matched on hashtags only" : "");
        TopicExtractor x = TopicExtractor.withTaxonomy(t, false);
        if (source == Source.hashtags) {
            return (text, hashtags) -> x.topics(null, hashtags);
        }
        return x;
    }
}

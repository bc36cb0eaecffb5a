package dev.renown.core.topic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's topics: for each, the keywords (any language), hashtags, cashtags and mentioned
 * accounts that put a post in it, and its parent topic. A post matched to a topic also counts
 * for every ancestor ({@link #ancestors}).
 *
 * <p>The file is UTF-8 text, one statement per line, {@code topic.field = value, value, …}:
 * <pre>
 * # comment lines start with '#'; blank lines are ignored
 * transport.keywords         = transport, transportasi
 * electric-vehicles.parent   = transport
 * electric-vehicles.keywords = electric car, electric vehicle, mobil listrik, kendaraan listrik
 * electric-vehicles.hashtags = #EV, #MobilListrik
 * electric-vehicles.cashtags = $TSLA, $NIO
 * electric-vehicles.mentions = @Tesla, @WulingIndonesia
 * </pre>
 * Topic names are lower-case letters, digits, {@code -} and {@code _}. Fields: {@code keywords},
 * {@code hashtags} ({@code #} optional), {@code cashtags} ({@code $} optional, 1–6 letters),
 * {@code mentions} ({@code @} optional, a handle of 1–15 {@code [A-Za-z0-9_]}) and
 * {@code parent} (one topic; a topic named only as a parent exists, with nothing of its own).
 * A field given on several lines adds up. Keywords are analysed with the same chain as post
 * text ({@link KeyAnalysis}), once as English and once as Indonesian, so {@code "electric cars"}
 * matches a post saying "two electric cars" and {@code "mobil listrik"} one saying "Mobil
 * listrik"; hashtags, cashtags and mentions are folded like the post's.
 *
 * <p>A line or value that cannot be used (no {@code =}, unknown field, bad topic name, a
 * malformed tag, a keyword of stop words only, a second parent) is left out and reported in
 * {@link #problems()} with its {@code file:line}; the rest of the file is still read. A cycle
 * of parents is an error: {@link #read} throws a {@link TaxonomyCycleException} naming the topics.
 */
public final class Taxonomy {

    /** Field names, as written in the file. */
    public static final String PARENT = "parent";
    public static final String KEYWORDS = "keywords";
    public static final String HASHTAGS = "hashtags";
    public static final String CASHTAGS = "cashtags";
    public static final String MENTIONS = "mentions";

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern CASHTAG = Pattern.compile("\\$?([A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?)");
    private static final Pattern HANDLE = Pattern.compile("@?([A-Za-z0-9_]{1,15})");

    /**
     * One topic as read.
     *
     * @param name     its name
     * @param parent   its parent's name, or null
     * @param keywords keywords as written
     * @param phrases  the keywords' analysed forms (what post phrases are compared with)
     * @param hashtags hashtags, folded, without {@code #}
     * @param cashtags cashtags, lower-case, with {@code $}
     * @param mentions handles, lower-case, with {@code @}
     */
    public record Topic(String name, String parent, List<String> keywords, Set<String> phrases,
                        Set<String> hashtags, Set<String> cashtags, Set<String> mentions) {
        public Topic {
            keywords = List.copyOf(keywords);
            phrases = Collections.unmodifiableSet(new LinkedHashSet<>(phrases));
            hashtags = Collections.unmodifiableSet(new LinkedHashSet<>(hashtags));
            cashtags = Collections.unmodifiableSet(new LinkedHashSet<>(cashtags));
            mentions = Collections.unmodifiableSet(new LinkedHashSet<>(mentions));
        }
    }

    /**
     * A line or value left out.
     *
     * @param source  the file (or name given to {@link #parse})
     * @param line    1-based line number
     * @param field   {@code topic.field} when known, else null
     * @param message what is wrong
     * @param text    the line as written
     */
    public record Problem(String source, int line, String field, String message, String text) {
        /** {@code source:line}. */
        public String place() {
            return source + ":" + line;
        }

        @Override
        public String toString() {
            return place() + (field == null ? "" : " " + field) + ": " + message;
        }
    }

    private final Map<String, Topic> topics;
    private final Map<String, List<String>> ancestors;
    private final List<Problem> problems;

    private Taxonomy(Map<String, Topic> topics, Map<String, List<String>> ancestors, List<Problem> problems) {
        this.topics = topics;
        this.ancestors = ancestors;
        this.problems = problems;
    }

    /** Reads a taxonomy file (UTF-8). */
    public static Taxonomy read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses the lines of a taxonomy; {@code source} names them in problems.
     *
     * @throws TaxonomyCycleException when parents form a cycle
     */
    public static Taxonomy parse(String source, List<String> lines) throws TaxonomyCycleException {
        Map<String, Builder> builders = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String raw = lines.get(i);
            String line = raw.strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                problems.add(new Problem(source, number, null, "expected 'topic.field = values'", raw));
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                problems.add(new Problem(source, number, key, "expected 'topic.field' before '='", raw));
                continue;
            }
            String name = key.substring(0, dot).strip();
            String field = key.substring(dot + 1).strip();
            if (!TOPIC_NAME.matcher(name).matches()) {
                problems.add(new Problem(source, number, key, "topic name '" + name
                        + "' must be lower-case letters, digits, '-' and '_'", raw));
                continue;
            }
            if (!List.of(PARENT, KEYWORDS, HASHTAGS, CASHTAGS, MENTIONS).contains(field)) {
                problems.add(new Problem(source, number, key, "unknown field '" + field
                        + "' (expected parent, keywords, hashtags, cashtags or mentions)", raw));
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                problems.add(new Problem(source, number, key, "no values", raw));
                continue;
            }
            Builder topic = builders.computeIfAbsent(name, Builder::new);
            switch (field) {
                case PARENT: {
                    String parent = values.get(0);
                    if (values.size() > 1) {
                        problems.add(new Problem(source, number, key, "a topic has one parent, not "
                                + values.size(), raw));
                    } else if (!TOPIC_NAME.matcher(parent).matches()) {
                        problems.add(new Problem(source, number, key, "parent '" + parent
                                + "' is not a topic name (lower-case letters, digits, '-' and '_')", raw));
                    } else if (topic.parent != null && !topic.parent.equals(parent)) {
                        problems.add(new Problem(source, number, key, "topic '" + name + "' already has parent '"
                                + topic.parent + "' (line " + topic.parentLine + ")", raw));
                    } else {
                        topic.parent = parent;
                        topic.parentLine = number;
                        builders.computeIfAbsent(parent, Builder::new);
                    }
                    break;
                }
                case KEYWORDS:
                    for (String v : values) {
                        Set<String> forms = KeyAnalysis.keywordVariants(v);
                        if (forms.isEmpty()) {
                            problems.add(new Problem(source, number, key, "keyword '" + v
                                    + "' has no content word (only stop words, numbers or symbols)", raw));
                        } else {
                            topic.keywords.add(v);
                            topic.phrases.addAll(forms);
                        }
                    }
                    break;
                case HASHTAGS:
                    for (String v : values) {
                        String tag = v.startsWith("#") || v.startsWith("\uFF03") ? v.substring(1) : v;
                        if (Entities.hashtagEnd(tag, 0) != tag.length()) {
                            problems.add(new Problem(source, number, key, "'" + v
                                    + "' is not a hashtag (letters, digits and '_', not only digits)", raw));
                        } else {
                            topic.hashtags.add(KeyAnalysis.fold(tag));
                        }
                    }
                    break;
                case CASHTAGS:
                    for (String v : values) {
                        var m = CASHTAG.matcher(v);
                        if (!m.matches()) {
                            problems.add(new Problem(source, number, key, "'" + v
                                    + "' is not a cashtag ('$' and 1-6 letters)", raw));
                        } else {
                            topic.cashtags.add("$" + m.group(1).toLowerCase(Locale.ROOT));
                        }
                    }
                    break;
                default: // MENTIONS
                    for (String v : values) {
                        var m = HANDLE.matcher(v);
                        if (!m.matches()) {
                            problems.add(new Problem(source, number, key, "'" + v
                                    + "' is not a handle ('@' and 1-15 of A-Z, a-z, 0-9, '_')", raw));
                        } else {
                            topic.mentions.add("@" + m.group(1).toLowerCase(Locale.ROOT));
                        }
                    }
            }
        }
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (Builder b : builders.values()) {
            topics.put(b.name, new Topic(b.name, b.parent, b.keywords, b.phrases, b.hashtags, b.cashtags,
                    b.mentions));
        }
        return new Taxonomy(Collections.unmodifiableMap(topics), ancestors(topics), List.copyOf(problems));
    }

    /** Each topic's ancestors, nearest first; throws on a cycle. */
    private static Map<String, List<String>> ancestors(Map<String, Topic> topics) throws TaxonomyCycleException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        List<List<String>> cycles = new ArrayList<>();
        Set<String> inCycle = new LinkedHashSet<>();
        for (String start : topics.keySet()) {
            List<String> chain = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            seen.add(start);
            String p = topics.get(start).parent();
            boolean cyclic = false;
            while (p != null) {
                if (!seen.add(p)) {
                    cyclic = true;
                    // the cycle is the part of the walk from p's first visit on
                    List<String> walk = new ArrayList<>(seen);
                    List<String> cycle = new ArrayList<>(walk.subList(walk.indexOf(p), walk.size()));
                    cycle.add(p);
                    if (!inCycle.contains(p)) {
                        inCycle.addAll(cycle);
                        cycles.add(cycle);
                    }
                    break;
                }
                chain.add(p);
                p = topics.get(p).parent();
            }
            if (!cyclic) {
                result.put(start, List.copyOf(chain));
            }
        }
        if (!cycles.isEmpty()) {
            throw new TaxonomyCycleException(cycles);
        }
        return Collections.unmodifiableMap(result);
    }

    private static final class Builder {
        final String name;
        String parent;
        int parentLine;
        final List<String> keywords = new ArrayList<>();
        final Set<String> phrases = new LinkedHashSet<>();
        final Set<String> hashtags = new LinkedHashSet<>();
        final Set<String> cashtags = new LinkedHashSet<>();
        final Set<String> mentions = new LinkedHashSet<>();

        Builder(String name) {
            this.name = name;
        }
    }

    /** The topics, in the order the file first names them. */
    public Map<String, Topic> topics() {
        return topics;
    }

    /** The topic's ancestors, parent first; empty for a root; null for an unknown topic. */
    public List<String> ancestors(String topic) {
        return ancestors.get(topic);
    }

    /** Lines and values left out, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}

package dev.renown.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads JMH result files written with {@code -rf csv} and checks the two targets:
 * Renown's propagation at most 0.6× the plain loop's time per iteration, and edge list → graph →
 * 20 iterations at least 15× faster than JGraphT.
 *
 * <pre>
 *   java -cp renown-bench/target/benchmarks.jar dev.renown.bench.Report renown-bench/target/jmh.csv
 * </pre>
 *
 * Ratios are of the means; the range beside each is where the ratio lies when both scores lie in
 * the 99.9% confidence intervals JMH reports.
 */
public final class Report {

    static final double MAX_TIME_RATIO = 0.6;
    static final double MIN_SPEEDUP = 15;

    private record Score(double mean, double error, String unit, int samples) {
        double low() {
            return mean - error;
        }

        double high() {
            return mean + error;
        }
    }

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report <jmh-result.csv>... (a later file's scores replace an earlier one's)");
            System.exit(2);
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String file : args) {
            scores.putAll(read(Path.of(file)));
        }
        System.out.println(String.format(Locale.ROOT, "%-62s %12s %10s %s", "benchmark", "mean", "± 99.9%",
                "unit (samples)"));
        scores.forEach((name, s) -> System.out.println(String.format(Locale.ROOT, "%-62s %12.3f %10.3f %s (%d)",
                name, s.mean(), s.error(), s.unit(), s.samples())));
        System.out.println();

        Score plain = scores.get("PerIterationBenchmark.plainCsrPullLoop [rmat]");
        Score renown = scores.get("PerIterationBenchmark.renownPropagation [rmat]");
        if (plain != null && renown != null) {
            double ratio = renown.mean() / plain.mean();
            System.out.println(String.format(Locale.ROOT,
                    "per iteration: Renown %.3f / plain loop %.3f ns per edge = %.2f× (%s); target ≤ %.1f×: %s",
                    renown.mean(), plain.mean(), ratio, range(renown, plain), MAX_TIME_RATIO,
                    ratio <= MAX_TIME_RATIO ? "met" : "NOT met"));
        }
        Score jgrapht = scores.get("JGraphTBenchmark.jgraphtPageRank [rmat]");
        Score jgraphtOne = scores.get("JGraphTBenchmark.jgraphtPageRankOneIteration [rmat]");
        if (jgrapht != null && jgraphtOne != null) {
            double marginal = (PerIterationBenchmark.ITERATIONS * jgrapht.mean() - jgraphtOne.mean())
                    / (PerIterationBenchmark.ITERATIONS - 1);
            double setup = (jgraphtOne.mean() - marginal) * RMat.EDGES / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "JGraphT PageRank: %.1f ns per edge per iteration over 20 iterations, of which about %.1f s "
                            + "per run is its index; the iterations alone cost about %.1f ns per edge",
                    jgrapht.mean(), setup, marginal));
        }
        Score jgraphtEndToEnd = scores.get("EndToEndBenchmark.jgraphtFromEdgeArrays");
        if (jgraphtEndToEnd != null) {
            for (String variant : List.of("renownFromEdgeArrays", "renownFromEventTable", "renownFromInteractions")) {
                Score s = scores.get("EndToEndBenchmark." + variant);
                if (s == null) {
                    continue;
                }
                double speedup = jgraphtEndToEnd.mean() / s.mean();
                System.out.println(String.format(Locale.ROOT,
                        "end to end, %s: %.2f s vs JGraphT %.1f s = %.1f× faster (%s); target ≥ %.0f×: %s",
                        variant, s.mean(), jgraphtEndToEnd.mean(), speedup, range(jgraphtEndToEnd, s),
                        MIN_SPEEDUP, speedup >= MIN_SPEEDUP ? "met" : "NOT met"));
            }
        }
    }

    /** The range of {@code a / b} when both lie in their confidence intervals. */
    private static String range(Score a, Score b) {
        if (a.low() <= 0 || b.low() <= 0) {
            return "an interval is too wide for a range";
        }
        return String.format(Locale.ROOT, "range %.2f–%.2f", a.low() / b.high(), a.high() / b.low());
    }

    /** Benchmark name without package, with its order parameter in brackets when it has one. */
    private static Map<String, Score> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = fields(lines.get(0));
        int name = header.indexOf("Benchmark");
        int samples = header.indexOf("Samples");
        int score = header.indexOf("Score");
        int error = header.indexOf("Score Error (99.9%)");
        int unit = header.indexOf("Unit");
        int order = header.indexOf("Param: order");
        int format = header.indexOf("Param: format"); // ParseBenchmark
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            String key = f.get(name).replaceFirst("^.*\\.(\\w+\\.[\\w:]+)$", "$1");
            if (order >= 0 && order < f.size() && !f.get(order).isEmpty()) {
                key += " [" + f.get(order) + "]";
            }
            if (format >= 0 && format < f.size() && !f.get(format).isEmpty()) {
                key += " [" + f.get(format) + "]";
            }
            double err = parse(f.get(error));
            scores.put(key, new Score(parse(f.get(score)), Double.isNaN(err) ? 0 : err, f.get(unit),
                    Integer.parseInt(f.get(samples))));
        }
        return scores;
    }

    private static double parse(String number) {
        return number.isEmpty() || number.equals("NaN") ? Double.NaN : Double.parseDouble(number.replace(',', '.'));
    }

    /** Splits one CSV line; fields may be quoted. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}

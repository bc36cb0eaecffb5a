package dev.renown.cli;

import dev.renown.sources.synthetic.Generate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code renown generate}: seeded synthetic interactions ({@link dev.renown.sources.synthetic.Generator}),
 * as generic NDJSON or as Parquet with the columns {@code renown export interactions} writes.
 * Parquet goes through DuckDB: the NDJSON is written to a temporary file beside the output and
 * copied, so the same options give the same rows in the same order either way.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write seeded synthetic interactions (heavy-tailed activity and popularity, all six kinds, "
                + "duplicates and self-interactions at realistic rates) for scale runs: generic NDJSON "
                + "(.ndjson or .ndjson.gz) or Parquet as renown export writes it (.parquet). The same options "
                + "give the same data.")
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"--interactions", "-n"}, required = true, paramLabel = "N",
            description = "Records to write, duplicates included (1000000, 1_000_000, 1e6, 10M, 500k).")
    String interactions;

    @Option(names = {"--accounts", "-m"}, required = true, paramLabel = "M",
            description = "Accounts that may take part, ids 1..M.")
    String accounts;

    @Option(names = {"--seed", "-s"}, defaultValue = "1", paramLabel = "S",
            description = "The same seed and options give the same data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE",
            description = "FILE.ndjson, FILE.ndjson.gz or FILE.parquet.")
    Path out;

    @Option(names = "--days", defaultValue = "60", paramLabel = "D",
            description = "Span of the times in days (default: ${DEFAULT-VALUE}).")
    String days;

    @Option(names = "--dynamics", defaultValue = "social", paramLabel = "social|qa",
            description = "Twitter-like (social) or questions and answers (qa) (default: ${DEFAULT-VALUE}).")
    String dynamics;

    @Option(names = "--end", paramLabel = "T",
            description = "End of the span, exclusive, ISO-8601 (default: 2024-01-01T00:00:00Z, in the past).")
    String end;

    @Option(names = "--network", paramLabel = "NAME", description = "Network of every record (default: the dynamics' name).")
    String network;

    @Option(names = "--duplicates", paramLabel = "RATE", description = "Share of records repeating an earlier event id (default 0.005).")
    String duplicates;

    @Option(names = "--self", paramLabel = "RATE", description = "Share of records whose actor is their target (default 0.003).")
    String self;

    @Option(names = {"--quiet", "-q"}, description = "No progress and no summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean parquet = name.endsWith(".parquet");
        if (!parquet && !name.endsWith(".ndjson") && !name.endsWith(".ndjson.gz")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out must end in .ndjson, .ndjson.gz or .parquet: " + out);
        }
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path ndjson = parquet ? Files.createTempFile(target.getParent(), ".renown-generate", ".ndjson.gz") : target;
        try {
            List<String> args = new ArrayList<>(List.of("--interactions", interactions, "--accounts", accounts,
                    "--seed", Long.toString(seed), "--days", days, "--dynamics", dynamics, "--out", ndjson.toString()));
            add(args, "--end", end);
            add(args, "--network", network);
            add(args, "--duplicates", duplicates);
            add(args, "--self", self);
            if (quiet) {
                args.add("--quiet");
            }
            PrintStream err = new PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true,
                    StandardCharsets.UTF_8);
            int code = Generate.run(args.toArray(new String[0]), err);
            err.flush();
            if (code != 0 || !parquet) {
                return code;
            }
            long rows = toParquet(ndjson, target);
            if (!quiet) {
                spec.commandLine().getErr().printf(Locale.ROOT, "generate: %,d rows written to %s (%.1f MB)%n", rows,
                        out, Files.size(target) / 1e6);
            }
            return 0;
        } finally {
            if (parquet) {
                Files.deleteIfExists(ndjson);
            }
        }
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    /**
     * Copies generic NDJSON, as the generator writes it, to Parquet with the columns and types of
     * {@code renown export interactions}, in the file's order.
     */
    static long toParquet(Path ndjson, Path parquet) throws IOException {
        String columns = "{id: 'VARCHAR', network: 'VARCHAR', kind: 'VARCHAR', actor: 'VARCHAR', target: 'VARCHAR', "
                + "time: 'VARCHAR', post: 'VARCHAR', target_post: 'VARCHAR'}";
        String select = "SELECT network || '/' || id AS event_id, network, kind, actor, target, "
                + "epoch_ms(CAST(time AS TIMESTAMPTZ)) AS time_ms, post AS post_id, target_post AS target_post_id, "
                + "CAST(NULL AS VARCHAR) AS hashtags, CAST(NULL AS VARCHAR) AS text "
                + "FROM read_json('" + quote(ndjson) + "', format = 'newline_delimited', columns = " + columns + ")";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("SET preserve_insertion_order = true");
            s.execute("COPY (" + select + ") TO '" + quote(parquet) + "' (FORMAT parquet)");
            try (var r = s.executeQuery("SELECT COUNT(*) FROM read_parquet('" + quote(parquet) + "')")) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write " + parquet + ": " + e.getMessage(), e);
        }
    }

    private static String quote(Path p) {
        return p.toString().replace("'", "''");
    }

    /** Lets the generator's PrintStream write to picocli's error writer. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter writer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterOutputStream(java.io.PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r') {
                flush();
            }
        }

        @Override
        public void flush() {
            writer.write(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}

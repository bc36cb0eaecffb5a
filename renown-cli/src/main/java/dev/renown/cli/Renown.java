package dev.renown.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The {@code renown} command.
 *
 * <p>Exit codes: 0 success; 1 the work failed (unreadable file, unknown account); 2 bad
 * arguments; 3 finished, but some input records were rejected (listed in the rejects file).
 */
@Command(name = "renown",
        mixinStandardHelpOptions = true,
        version = "renown 0.1.0",
        description = "Open, explainable influence scores (1-100) from interaction data you own.",
        subcommands = {IngestCommand.class, ScoreCommand.class, SparkScoreCommand.class, GenerateCommand.class, ExplainCommand.class, HistoryCommand.class,
                BackfillCommand.class, TopicsCommand.class, FindCommand.class, ExportCommand.class, ImportCommand.class, EvaluateCommand.class, FitCommand.class,
                AttackCommand.class, AuditCommand.class, CalibrationsCommand.class, PeopleCommand.class,
                DemoCommand.class, ServeCommand.class, RunDailyCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class Renown implements Runnable {

    /** Exit code when the work finished but input records were rejected. */
    static final int EXIT_REJECTS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Renown());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (e instanceof NoSuchFileException) {
                w.println("renown: error: " + ((NoSuchFileException) e).getFile() + ": no such file");
                return 1;
            }
            if (e instanceof AccessDeniedException) {
                w.println("renown: error: " + ((AccessDeniedException) e).getFile() + ": permission denied");
                return 1;
            }
            if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
                w.println("renown: error: " + e.getMessage());
                return 1;
            }
            if (e instanceof dev.renown.store.StoreException) {
                w.println("renown: error: " + e.getMessage());
                return 1;
            }
            if (e instanceof UserError) {
                w.println("renown: error: " + e.getMessage());
                return ((UserError) e).exitCode;
            }
            if (e instanceof IllegalArgumentException) {
                w.println("renown: error: " + e.getMessage());
                w.println("Try 'renown " + commandLine.getCommandName() + " --help' for more information.");
                return 2;
            }
            throw e;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Reported in one line, not as a stack trace; what is held is dropped with the stack.
            err.printf(java.util.Locale.ROOT, "renown: error: out of memory (the heap may grow to %,d MB); give the "
                    + "JVM more, e.g. RENOWN_JAVA_OPTS=\"-XX:+UseSerialGC -Xmx16g\" ./renown …%n",
                    Runtime.getRuntime().maxMemory() >> 20);
            err.flush();
            return 1;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A failure to report in one line, with its exit code. */
    static final class UserError extends RuntimeException {
        final int exitCode;

        UserError(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }
}

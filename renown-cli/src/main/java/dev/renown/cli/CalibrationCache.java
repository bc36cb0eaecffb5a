package dev.renown.cli;

import dev.renown.core.score.ScoringParameters;
import dev.renown.core.validation.Calibrator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Calibrations of input files, kept so that scoring the same files again does not fit again:
 * one small text file per key under {@code renown-data/calibrations/}, named by the SHA-256 of the
 * key (the input files with their sizes and modification times, the as-of time and every option
 * that changes scores), holding {@code fitted}, the reason and the encoded parameters
 * ({@link Calibrator#encode}) on three lines. A file that cannot be read is ignored and replaced.
 * The cache is kept only when Renown runs from its home ({@code -Drenown.home}, which the
 * {@code ./renown} script sets), never in whatever directory a bare {@code java -jar} runs in.
 */
final class CalibrationCache {

    private CalibrationCache() {
    }

    /** The cache file of a key, or null when there is no Renown home to keep it in. */
    static Path file(String key) {
        if (System.getProperty("renown.home") == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return StoreOptions.home().resolve("renown-data").resolve("calibrations")
                    .resolve(HexFormat.of().formatHex(digest) + ".txt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What identifies input files' content for the cache: paths, sizes, modification times, and how
     * they are read — and this build of Renown (its jar's modification time), so that a new version
     * calibrates afresh.
     */
    static String key(List<Path> inputs, String format, String network, String topic) throws IOException {
        StringBuilder b = new StringBuilder("v1|build=").append(build());
        for (Path p : inputs) {
            b.append('|').append(p.toAbsolutePath().normalize()).append(',').append(Files.size(p)).append(',')
                    .append(Files.getLastModifiedTime(p).toMillis());
        }
        return b.append("|format=").append(format).append("|network=").append(network).append("|topic=").append(topic)
                .toString();
    }

    private static long build() {
        try {
            return Files.getLastModifiedTime(Path.of(CalibrationCache.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI())).toMillis();
        } catch (Exception e) {
            return 0;
        }
    }

    static Optional<Calibrator.Calibration> read(Path file, ScoringParameters base) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() != 3) {
                return Optional.empty();
            }
            return Optional.of(new Calibrator.Calibration(Calibrator.decode(lines.get(2), base),
                    Boolean.parseBoolean(lines.get(0)), lines.get(1) + " (cached; --recalibrate fits again)", null,
                    null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void write(Path file, Calibrator.Calibration c) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "calibration", ".tmp");
            Files.write(tmp, List.of(String.valueOf(c.fitted()), c.reason().replace('\n', ' '),
                    Calibrator.encode(c.parameters())), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A cache that cannot be written only costs the next run a fit.
        }
    }
}

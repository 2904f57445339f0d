package io.flightdeck.report;

import io.flightdeck.model.ReleaseSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes a release's report to a file, as HTML or JSON by the file name's extension ({@code .json} is JSON, anything
 * else HTML), through a temporary file beside it so a reader never sees half a report. Blocking file I/O: call it on
 * a background thread or the command line's main thread.
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    public enum Format { HTML, JSON }

    public static Format formatOf(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? Format.JSON : Format.HTML;
    }

    public static String render(ReleaseSnapshot s, Format format) {
        ReleaseReport r = ReleaseReport.of(s);
        return format == Format.JSON ? ReportJson.render(r) : ReportHtml.render(r);
    }

    /** Writes the report of {@code s} to {@code file} in the format its name says. */
    public static void write(ReleaseSnapshot s, Path file) throws IOException {
        write(s, file, formatOf(file));
    }

    public static void write(ReleaseSnapshot s, Path file, Format format) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".flightdeck-report", ".tmp");
        try {
            Files.writeString(tmp, render(s, format), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

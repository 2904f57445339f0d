package io.flightdeck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium from Debian's {@code chromium} package, for tests that look at the HTML report as a browser
 * renders it: finds the binary on PATH and takes a screenshot of a page into a PNG.
 */
final class Chromium {

    static final String MISSING = "chromium is not installed (Debian: apt-get install chromium); the report is not"
            + " rendered in a browser";

    private Chromium() {
    }

    static Path binary() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static boolean available() {
        return binary() != null;
    }

    /** Renders {@code html} to {@code png} at the given window size; fails with Chromium's output on error. */
    static void screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("flightdeck-chromium");
        Process p = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile,
                "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                html.toUri().toString()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        if (!Files.exists(png)) {
            throw new AssertionError("chromium wrote no screenshot (exit " + p.exitValue() + "): "
                    + new String(output));
        }
    }
}

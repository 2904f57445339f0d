package io.flightdeck.report;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseEngine;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.SignalsAnalysisHook;
import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;
import io.flightdeck.signals.ScrapeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real release on the sandbox, gated by success rate and p99 latency measured from direct scrapes of the sandbox's
 * metrics: an erroring canary fails its gate and is aborted, and its report, read back from the journal, holds the
 * steps, the gate's measurements with their thresholds, who did what and the outcome. The HTML is then rendered by
 * headless Chromium (tag {@code browser}; skipped with a message where chromium is not installed) into
 * target/report-sandbox/report.png, which must be a real page, not a blank one.
 */
class ReportSandboxTest {

    private static final Path OUT = Path.of("target", "report-sandbox");
    private static SandboxCluster cluster;
    private static KubernetesClient client;
    private static ScheduledExecutorService executor;
    private static ReleaseSnapshot done;

    @BeforeAll
    static void runAGatedRelease() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withSpeed(40));
        client = cluster.newClient();
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "flightdeck-report-test-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScrapeSource metrics = new ScrapeSource(cluster.metricsUrl(), Clock.systemUTC());
        executor.scheduleWithFixedDelay(metrics::scrape, 0, 1, TimeUnit.SECONDS);
        SignalsAnalysisHook hook = new SignalsAnalysisHook(metrics, executor, Duration.ofSeconds(2), 3,
                Clock.systemUTC());
        ReleaseEngine engine = new ReleaseEngine(client, executor, new Actor("sandbox-admin", "tester", "test-host"),
                EngineSettings.defaults().withTick(Duration.ofMillis(40)).withLease(Duration.ofSeconds(2),
                        Duration.ofMillis(250)).withObserveEvery(Duration.ofMillis(100)).withAnalysis(hook));
        client.apps().deployments().inNamespace("shop").withName("checkout").waitUntilCondition(
                d -> d != null && d.getStatus() != null && d.getStatus().getAvailableReplicas() != null
                        && d.getStatus().getAvailableReplicas().equals(d.getSpec().getReplicas()), 60, TimeUnit.SECONDS);
        ReleasePlan plan = new ReleasePlan(new WorkloadKey("shop", "checkout"),
                ReleaseChange.image("app", "registry.shop.example/checkout:2.1-errors"), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(20), ReleaseStep.analysis("success-rate,latency-p99"),
                        ReleaseStep.setWeight(100)));
        ReleaseHandle h = engine.start(plan);
        h.finished().orTimeout(180, TimeUnit.SECONDS).join();
        ReleaseHandle observed = engine.observe("shop", h.id());
        done = observed.snapshot();
        observed.close();
    }

    @AfterAll
    static void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theReportOfAFailedGateHoldsItsMeasurementsActorsAndOutcome() throws Exception {
        assertEquals(ReleasePhase.ABORTED, done.phase(), done.message() + " " + done.error());
        ReleaseReport r = ReleaseReport.of(done);
        assertTrue(r.measurements().stream().anyMatch(m -> m.metric().equals("success-rate") && m.threshold() == 0.99
                && m.phase().equals("FAILED") && m.value() < 0.99), "the failing success-rate measurement: "
                + done.events().stream().filter(e -> e.action().equals("analysis")).toList());
        assertTrue(r.outcome().startsWith("aborted: analysis 'success-rate,latency-p99' failed"), r.outcome());
        assertTrue(r.weights().stream().anyMatch(w -> w.weight() == 20), "the weight went to 20 %: " + r.weights());
        String html = ReportHtml.render(r);
        assertTrue(html.contains("sandbox-admin (tester@test-host)"), "the actor");
        assertTrue(html.contains("setWeight 20") && html.contains("analysis success-rate,latency-p99"), "the plan");
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("report.html"), html);
        Files.writeString(OUT.resolve("report.json"), ReportJson.render(r));
    }

    @Test
    @Tag("browser")
    void chromiumRendersTheHtmlReport() throws Exception {
        assumeTrue(Chromium.available(), Chromium.MISSING);
        Path html = OUT.resolve("chromium.html");
        Files.createDirectories(OUT);
        Files.writeString(html, ReportFiles.render(done, ReportFiles.Format.HTML));
        Path png = OUT.resolve("report.png");
        Chromium.screenshot(html, png, 1000, 2200);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        int dark = 0;
        int red = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int rr = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (rr + g + b < 200) {
                    dark++;
                }
                if (rr > 170 && g < 80 && b < 80) {
                    red++;
                }
            }
        }
        assertTrue(colours.size() > 50, "a page with text and charts, not a blank one: " + colours.size()
                + " colours");
        assertTrue(dark > 2000, "text was drawn: " + dark + " dark pixels");
        assertTrue(red > 200, "the red outcome badge, threshold lines and failed points were drawn: " + red);
    }
}

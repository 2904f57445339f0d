package io.flightdeck.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.signals.PromClient;
import io.flightdeck.signals.PromEndpoint;
import io.flightdeck.signals.RealPrometheus;
import io.flightdeck.signals.SharedQueries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark ({@code mvn -Pbench test -Dtest=CanaryGateBenchmark}): canary releases of checkout gated by the
 * success-rate template measured every 5 s by a real Prometheus scraping the sandbox. Prints, for erroring canaries
 * ({@code -errors}, 5% HTTP 500), the time from the canary's pods taking traffic (Ready) to the automatic abort; and,
 * for healthy canaries, how many of 20 were aborted (false aborts).
 */
@Tag("bench")
class CanaryGateBenchmark {

    static final int ERRORING_RUNS = 3;
    static final int HEALTHY_RUNS = 20;

    @Test
    void abortLatencyAndFalseAborts() throws Exception {
        assumeTrue(RealPrometheus.available(), "prometheus is not installed");
        ReleaseFixture fx = new ReleaseFixture();
        try (RealPrometheus prometheus = RealPrometheus.start(URI.create(fx.cluster.metricsUrl()).getAuthority())) {
            PromClient prom = new PromClient(PromEndpoint.of(prometheus.url()).withTimeout(Duration.ofSeconds(3)));
            SignalsAnalysisHook hook = new SignalsAnalysisHook(new SharedQueries(prom, Duration.ofSeconds(1)),
                    fx.executor, Duration.ofSeconds(5), 3, Clock.systemUTC());
            ReleaseEngine engine = fx.engine(ReleaseFixture.settings().withAnalysis(hook), "bench");
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < ERRORING_RUNS; i++) {
                fx.awaitRolledOut("checkout");
                ReleaseHandle h = engine.start(plan("registry.shop.example/checkout:2." + (10 + i) + "-errors"));
                long ready = awaitCanaryReady(fx);
                ReleaseSnapshot done = ReleaseFixture.await(h, s -> s.phase().terminal(), Duration.ofSeconds(180));
                double secs = (System.nanoTime() - ready) / 1e9;
                System.out.printf("erroring canary %d: %s %.1f s after its pods were ready%n", i + 1, done.phase(),
                        secs);
                if (done.phase() == ReleasePhase.ABORTED) {
                    latencies.add(secs);
                }
            }
            int falseAborts = 0;
            for (int i = 0; i < HEALTHY_RUNS; i++) {
                fx.awaitRolledOut("checkout");
                ReleaseHandle h = engine.start(plan("registry.shop.example/checkout:3." + i));
                ReleaseSnapshot done = ReleaseFixture.await(h, s -> s.phase().terminal(), Duration.ofSeconds(180));
                if (done.phase() != ReleasePhase.SUCCEEDED) {
                    falseAborts++;
                    System.out.println("healthy canary " + (i + 1) + " ended " + done.phase() + ": "
                            + ReleaseFixture.describe(done));
                }
            }
            System.out.printf("abort after ready: %s s (max %.1f s); healthy canaries aborted: %d of %d%n",
                    latencies.stream().map(d -> String.format("%.1f", d)).toList(),
                    latencies.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), falseAborts,
                    HEALTHY_RUNS);
        } finally {
            fx.close();
        }
    }

    private static long awaitCanaryReady(ReleaseFixture fx) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            var d = fx.deployment("checkout-canary");
            if (d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null
                    && d.getStatus().getReadyReplicas() > 0) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("the canary never became ready");
    }

    private static ReleasePlan plan(String image) {
        return new ReleasePlan(key("checkout"), ReleaseChange.image("app", image), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(34), ReleaseStep.analysis("success-rate"), ReleaseStep.setWeight(100)));
    }
}

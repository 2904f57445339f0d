package io.flightdeck.signals.analysis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conditions, measurement judgement and metric limits as Argo Rollouts defines them; templates; Mann-Whitney. */
class AnalysisRulesTest {

    @Test
    void conditionsParseAndEvaluate() {
        assertTrue(Condition.parse("result < 0.01").test(List.of(0.005)));
        assertFalse(Condition.parse("result < 0.01").test(List.of(0.05)));
        assertTrue(Condition.parse("result[0] >= 0.95 && result[1] < 0.5").test(List.of(0.97, 0.2)));
        assertTrue(Condition.parse("!(result > 1) || len(result) == 0").test(List.of(0.5)));
        assertTrue(Condition.parse("result * 100 - 1 <= 4").test(List.of(0.05)));
        assertFalse(Condition.parse("result[3] > 0").test(List.of(1.0)), "a missing index is false, never true");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse("result <"));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
    }

    @Test
    void noDataIsInconclusiveNeverAPass() {
        MetricSpec spec = MetricSpec.of("success-rate", "q", Duration.ofSeconds(5), 3, "result >= 0.95", null);
        assertEquals(Phase.INCONCLUSIVE, MetricRun.judge(spec, List.of()));
        assertEquals(Phase.SUCCESSFUL, MetricRun.judge(spec, List.of(0.99)));
        assertEquals(Phase.FAILED, MetricRun.judge(spec, List.of(0.9)));
        MetricSpec both = MetricSpec.of("m", "q", Duration.ofSeconds(5), 3, "result < 0.01", "result > 0.05");
        assertEquals(Phase.INCONCLUSIVE, MetricRun.judge(both, List.of(0.03)));
    }

    @Test
    void limitsDecideTheMetric() {
        MetricSpec spec = MetricSpec.of("m", "q", Duration.ofSeconds(5), 5, "result < 1", null).withLimits(1, 0, 2);
        MetricRun run = new MetricRun(spec);
        assertEquals(Phase.RUNNING, run.add(m(Phase.SUCCESSFUL)));
        assertEquals(Phase.RUNNING, run.add(m(Phase.FAILED)));
        assertEquals(Phase.FAILED, run.add(m(Phase.FAILED)), "two failures > failureLimit 1");

        MetricRun errors = new MetricRun(spec);
        errors.add(m(Phase.ERROR));
        errors.add(m(Phase.ERROR));
        assertEquals(Phase.ERROR, errors.add(m(Phase.ERROR)), "three consecutive errors > 2");

        MetricRun pause = new MetricRun(spec);
        assertEquals(Phase.INCONCLUSIVE, pause.add(m(Phase.INCONCLUSIVE)), "one inconclusive > limit 0");

        MetricRun ok = new MetricRun(spec);
        for (int i = 0; i < 4; i++) {
            assertEquals(Phase.RUNNING, ok.add(m(Phase.SUCCESSFUL)));
        }
        assertEquals(Phase.SUCCESSFUL, ok.add(m(Phase.SUCCESSFUL)));
    }

    @Test
    void templatesFillKnownPlaceholdersOnly() {
        String q = QueryTemplate.fill("rate(x{namespace=\"{{namespace}}\",track=\"{{ track }}\"}[1m])",
                Map.of("namespace", "shop", "track", "canary"));
        assertEquals("rate(x{namespace=\"shop\",track=\"canary\"}[1m])", q);
        assertThrows(IllegalArgumentException.class, () -> QueryTemplate.fill("{{nope}}", Map.of()));
        assertEquals("a\\\"b", QueryTemplate.fill("{{v}}", Map.of("v", "a\"b")));
    }

    @Test
    void mannWhitneyMatchesTheTextbook() {
        MannWhitney.Result r = MannWhitney.test(new double[]{1, 2, 3, 4, 5}, new double[]{6, 7, 8, 9, 10});
        assertEquals(0, r.u());
        assertEquals(0.0061, r.pLess(), 0.0005);
        MannWhitney.Result worse = MannWhitney.test(new double[]{0.06, 0.05, 0.07, 0.055, 0.052},
                new double[]{0.001, 0.0, 0.002, 0.001, 0.0015, 0.0, 0.002, 0.001, 0.0005});
        assertTrue(worse.pGreater() < 0.01, "an erroring canary is significantly worse: " + worse);
        MannWhitney.Result same = MannWhitney.test(new double[]{1, 2, 3}, new double[]{1, 2, 3});
        assertTrue(same.pGreater() > 0.3, same.toString());
    }

    private static Measurement m(Phase p) {
        return new Measurement("m", Instant.now(), "q", List.of(), p, p.name());
    }
}

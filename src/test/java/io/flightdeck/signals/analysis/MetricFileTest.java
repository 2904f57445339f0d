package io.flightdeck.signals.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML metric files as Argo Rollouts writes metrics, and the errors that name the file, line and field. */
class MetricFileTest {

    private static final Duration FIVE = Duration.ofSeconds(5);

    private static List<MetricSpec> parse(String yaml) {
        return MetricFile.parse("checks.yaml", yaml, FIVE, 4);
    }

    private static String error(String yaml) {
        return assertThrows(IllegalArgumentException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsMetricsWithLimitsDurationsAndArgoPlaceholders() {
        List<MetricSpec> ms = parse("""
                metrics:
                - name: errors
                  interval: 1m30s
                  count: 3
                  failureLimit: 1
                  inconclusiveLimit: 2
                  consecutiveErrorLimit: 0
                  failureCondition: result[0] > 0.02
                  provider:
                    prometheus:
                      query: sum(rate(x{namespace="{{args.namespace}}",pod=~"{{ deployment }}-.*"}[1m]))
                - name: p99
                  successCondition: result < 0.5
                  provider:
                    prometheus:
                      query: histogram_quantile(0.99, y)
                """);
        assertEquals(2, ms.size());
        MetricSpec e = ms.get(0);
        assertEquals("errors", e.name());
        assertEquals(Duration.ofSeconds(90), e.interval());
        assertEquals(3, e.count());
        assertEquals(1, e.failureLimit());
        assertEquals(2, e.inconclusiveLimit());
        assertEquals(0, e.consecutiveErrorLimit());
        assertNull(e.success());
        assertTrue(e.failure().test(List.of(0.05)));
        assertEquals("sum(rate(x{namespace=\"shop\",pod=~\"checkout-.*\"}[1m]))", QueryTemplate.fill(e.query(),
                Map.of("namespace", "shop", "deployment", "checkout")));
        MetricSpec p = ms.get(1);
        assertEquals(FIVE, p.interval(), "the --interval default");
        assertEquals(4, p.count(), "the --count default");
        assertEquals(0, p.failureLimit());
        assertEquals(MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT, p.consecutiveErrorLimit());
    }

    @Test
    void readsAWholeAnalysisTemplateAndABareList() {
        assertEquals("a", parse("""
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: x}
                spec:
                  metrics:
                  - name: a
                    successCondition: result == 1
                    provider: {prometheus: {query: "vector(1)"}}
                """).get(0).name());
        assertEquals("b", parse("""
                - name: b
                  successCondition: result == 1
                  provider: {prometheus: {query: "vector(1)"}}
                """).get(0).name());
    }

    @Test
    void theExampleInTheDocsIsValid() throws Exception {
        List<MetricSpec> ms = MetricFile.read(Path.of("docs/examples/checkout-analysis.yaml"), FIVE, 4);
        assertEquals(List.of("checkout-errors", "checkout-p95"), ms.stream().map(MetricSpec::name).toList());
        String q = QueryTemplate.fill(ms.get(0).query(), BuiltInTemplates.args("shop", "checkout-(canary|green)",
                "canary|green", "", "checkout"));
        assertFalse(q.contains("{{"), q);
    }

    @Test
    void errorsNameTheFileTheLineAndTheField() {
        String bad = error("""
                metrics:
                - name: errors
                  successCondition: result <
                  provider: {prometheus: {query: "x"}}
                """);
        assertTrue(bad.startsWith("checks.yaml:3: metric \"errors\" successCondition: condition"), bad);
        String unknown = error("""
                metrics:
                - name: errors
                  successCondition: result < 1
                  sucessCondition: result < 1
                  provider: {prometheus: {query: "x"}}
                """);
        assertTrue(unknown.startsWith("checks.yaml:4: sucessCondition: unknown field"), unknown);
        String interval = error("""
                metrics:
                - name: errors
                  interval: five seconds
                  successCondition: result < 1
                  provider: {prometheus: {query: "x"}}
                """);
        assertTrue(interval.startsWith("checks.yaml:3: metric \"errors\" interval: expected a positive duration"),
                interval);
        String noQuery = error("""
                metrics:
                - name: errors
                  successCondition: result < 1
                  provider: {web: {url: "http://x"}}
                """);
        assertTrue(noQuery.contains("checks.yaml:4: metric \"errors\" provider: only the prometheus provider"),
                noQuery);
        String noCondition = error("""
                - name: errors
                  provider: {prometheus: {query: "x"}}
                """);
        assertTrue(noCondition.startsWith("checks.yaml:1: metric \"errors\" successCondition: a metric needs"),
                noCondition);
        String count = error("""
                - name: errors
                  count: 0
                  successCondition: result < 1
                  provider: {prometheus: {query: "x"}}
                """);
        assertTrue(count.startsWith("checks.yaml:2: metric \"errors\" count: expected a whole number of at least 1"),
                count);
        String twice = error("""
                - {name: a, successCondition: result < 1, provider: {prometheus: {query: x}}}
                - {name: a, successCondition: result < 1, provider: {prometheus: {query: y}}}
                """);
        assertTrue(twice.startsWith("checks.yaml:2: name: metric \"a\" appears twice"), twice);
        String yaml = error("metrics:\n- name: [unclosed\n");
        assertTrue(yaml.startsWith("checks.yaml:") && yaml.contains("not valid YAML"), yaml);
        assertTrue(error("").contains("the file is empty"));
        assertTrue(error("foo: 1\n").contains("metrics: missing"));
    }

    @Test
    void theCatalogMixesBuiltInsAndFilesAndRejectsUnknownNames(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("extra.yaml");
        Files.writeString(f, "- {name: extra, successCondition: result < 1, provider: {prometheus: {query: x}}}\n");
        List<MetricSpec> ms = AnalysisCatalog.resolve("success-rate, restarts," + f, FIVE, 2);
        assertEquals(List.of("success-rate", "restarts", "extra"), ms.stream().map(MetricSpec::name).toList());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> AnalysisCatalog.resolve("success-rate,sucess-rate", FIVE, 2)).getMessage();
        assertTrue(unknown.contains("unknown analysis 'sucess-rate'") && unknown.contains("restarts"), unknown);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> AnalysisCatalog.resolve(dir.resolve("nope.yaml").toString(), FIVE, 2)).getMessage();
        assertTrue(missing.contains("nope.yaml does not exist"), missing);
        assertTrue(AnalysisCatalog.needsPrometheus(AnalysisCatalog.resolve("canary-vs-stable", FIVE, 2)));
        assertFalse(AnalysisCatalog.needsPrometheus(ms));
    }
}

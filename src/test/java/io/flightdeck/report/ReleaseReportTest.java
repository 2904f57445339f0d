package io.flightdeck.report;

import io.flightdeck.model.ReleaseSnapshot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's contents from a journal: steps, every measurement with its threshold, actors, outcome, escaping. */
class ReleaseReportTest {

    private final ReleaseSnapshot aborted = ReportSamples.abortedCanary();

    @Test
    void measurementsAreParsedWithValuesPhasesAndThresholds() {
        ReleaseReport r = ReleaseReport.of(aborted);
        assertEquals(3, r.measurements().size());
        GateMeasurement failed = r.measurements().get(2);
        assertEquals("success-rate", failed.metric());
        assertEquals("success-rate", failed.analysis());
        assertEquals(List.of(0.948), failed.values());
        assertEquals("FAILED", failed.phase());
        assertEquals("result >= 0.99", failed.condition());
        assertEquals(0.99, failed.threshold());
        assertEquals(ReportSamples.T0.plusSeconds(50), failed.time());
        assertEquals("failed", failed.gate());
        assertEquals("aborted: analysis 'success-rate' failed: metric \"success-rate\" failed", r.outcome());
        assertEquals(List.of("setWeight 10: done", "analysis success-rate: aborted here"), r.stepRuns().stream()
                .map(x -> x.step() + ": " + x.outcome()).toList());
        assertEquals(List.of(0, 10, 0), r.weights().stream().map(ReleaseReport.WeightPoint::weight).toList());
    }

    @Test
    void measurementsJournaledAsTheyComeAreOnceInTheReportWithTheGatesVerdict() {
        ReleaseSnapshot s = aborted;
        java.util.List<io.flightdeck.model.ReleaseEvent> events = new java.util.ArrayList<>(s.events());
        io.flightdeck.model.ReleaseEvent verdict = events.stream().filter(e -> e.action().equals("analysis"))
                .findFirst().orElseThrow();
        events.add(events.indexOf(verdict), new io.flightdeck.model.ReleaseEvent(verdict.time().minusSeconds(20),
                verdict.actor(), "analysis", "measured", java.util.Map.of("analysis", "success-rate",
                "success-rate#1", verdict.details().get("success-rate#1"))));
        events.add(new io.flightdeck.model.ReleaseEvent(verdict.time(), verdict.actor(), "background-analysis",
                "measured", java.util.Map.of("analysis", "restarts", "restarts#1",
                "SUCCESSFUL [0.0] at " + verdict.time() + ": [0.0] meets result < 1")));
        ReleaseReport r = ReleaseReport.of(new ReleaseSnapshot(s.id(), s.plan(), s.phase(), s.aborting(),
                s.stepIndex(), s.steps(), s.message(), s.error(), s.driving(), s.holder(), s.versions(), s.weight(),
                events));
        assertEquals(4, r.measurements().size());
        assertEquals(List.of("failed", "failed", "failed"), r.measurements().stream()
                .filter(m -> m.analysis().equals("success-rate")).map(GateMeasurement::gate).toList());
        assertEquals(List.of("success-rate / success-rate", "background restarts / restarts"), r.metrics());
    }

    @Test
    void noDataIsAMeasurementWithoutValues() {
        GateMeasurement m = GateMeasurement.parse("latency-p99", "latency-p99",
                "INCONCLUSIVE [] at 2026-11-27T14:00:05.123Z: no data: empty result", "failed").orElseThrow();
        assertTrue(m.values().isEmpty());
        assertTrue(Double.isNaN(m.value()));
        assertEquals("INCONCLUSIVE", m.phase());
    }

    @Test
    void jsonHoldsPlanStepsActionsMeasurementsAndOutcome() throws Exception {
        JsonNode json = JsonMapper.builder().build().readTree(ReportFiles.render(aborted, ReportFiles.Format.JSON));
        assertEquals("20261127-140000-a1b2", json.path("release").asString());
        assertEquals("checkout", json.path("target").path("deployment").asString());
        assertEquals(4, json.path("plan").size());
        assertEquals("analysis success-rate", json.path("plan").get(1).path("text").asString());
        assertEquals(3, json.path("steps").size());
        assertEquals("setWeight 10", json.path("stepsRun").get(0).path("step").asString());
        assertEquals("ABORTED", json.path("outcome").path("phase").asString());
        assertEquals(aborted.events().size(), json.path("actions").size());
        JsonNode first = json.path("actions").get(0);
        assertEquals("start", first.path("action").asString());
        assertEquals("alice@corp", first.path("actor").path("kubeUser").asString());
        assertEquals("2026-11-27T14:00:00Z", first.path("time").asString());
        JsonNode m = json.path("measurements").get(2);
        assertEquals(0.948, m.path("values").get(0).asDouble());
        assertEquals(0.99, m.path("threshold").asDouble());
        assertEquals("FAILED", m.path("phase").asString());
        assertEquals(ReportSamples.IMAGE, json.path("change").path("images").path("app").asString());
    }

    @Test
    void htmlShowsStepsMeasurementsActorsAndOutcomeWithEverythingEscaped() {
        String html = ReportFiles.render(aborted, ReportFiles.Format.HTML);
        assertTrue(html.contains("id=\"steps\""), "a steps section");
        assertTrue(html.contains("analysis success-rate"), "the planned analysis step");
        assertTrue(html.contains("restore stable"), "the steps run");
        assertTrue(html.contains("0.948") && html.contains("threshold 0.99"), "a measurement and its threshold");
        assertTrue(html.contains("alice@corp (alice@ws-&lt;b&gt;7&lt;/b&gt;)"), "the actor, escaped");
        assertTrue(html.contains("aborted: analysis &#39;success-rate&#39; failed"), "the outcome");
        assertTrue(html.contains("checkout:2.1-errors&lt;script&gt;alert(1)&lt;/script&gt;"), "the image, escaped");
        assertFalse(html.contains("<script"), "no script element, and no unescaped cluster text");
        assertFalse(html.contains("<b>"), "no markup from the cluster");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from elsewhere");
        assertEquals(2, html.split("<svg ", -1).length - 1, "a weight chart and one metric chart");
    }
}

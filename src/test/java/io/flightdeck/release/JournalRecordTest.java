package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.WorkloadKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A journal record survives the round trip through the ConfigMap's JSON unchanged. */
class JournalRecordTest {

    @Test
    void roundTripsThroughTheConfigMapData() {
        var template = new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("web:1").endContainer().endSpec().build();
        ReleasePlan plan = new ReleasePlan(new WorkloadKey("shop", "web"), ReleaseChange.image("app", "web:2"),
                ReleaseStrategy.blueGreen("web", "web-preview", Duration.ofSeconds(45)),
                List.of(ReleaseStep.pause(Duration.ofSeconds(30)), ReleaseStep.analysis("errors")))
                .withBackgroundAnalysis("success-rate").withPostPromotionAnalysis("latency-p99");
        Baseline baseline = new Baseline(3, "abc12", 4, null, new DeploymentStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString(1))
                .endRollingUpdate().build(), Map.of("a", "b"), template, Templates.desired(template, plan.change()),
                "web", Map.of("app", "web"), "web-preview", null, "web",
                List.of(new HTTPRouteRuleBuilder().addNewBackendRef().withName("web").withPort(80).endBackendRef()
                        .build()));
        Instant t = Instant.parse("2026-01-02T03:04:05.123456Z");
        JournalState state = new JournalState(ReleasePhase.PAUSED, false, 4, t, true, false, false, "", Map.of(
                "switchedAt", t.toString()), "alice@host/1");
        JournalRecord r = new JournalRecord("20260102-030405-abcd", t, plan, baseline, state, List.of(
                new ReleaseEvent(t, new Actor("admin", "alice", "host"), "start", "ok", Map.of("k", "v"))));

        JournalRecord back = ReleaseJournal.parse(new ConfigMapBuilder().withData(ReleaseJournal.data(r)).build());
        assertEquals(r.plan(), back.plan());
        assertEquals(r.state(), back.state());
        assertEquals(r.events(), back.events());
        assertEquals(Serialization.asJson(r.baseline()), Serialization.asJson(back.baseline()));
        assertEquals(r.started(), back.started());
    }

    @Test
    void aPlanWrittenBeforeAnalysesOutsideStepsExistedReadsWithNone() {
        String old = "{\"target\":{\"namespace\":\"shop\",\"name\":\"web\"},\"change\":{\"images\":{\"app\":\"web:2\"},"
                + "\"templatePatch\":\"\"},\"strategy\":{\"kind\":\"CANARY\",\"maxSurge\":\"\",\"maxUnavailable\":\"\","
                + "\"activeService\":\"\",\"previewService\":\"\",\"scaleDownDelay\":30.0},\"steps\":[]}";
        ReleasePlan plan = Serialization.unmarshal(old, ReleasePlan.class);
        assertEquals("", plan.backgroundAnalysis());
        assertEquals("", plan.postPromotionAnalysis());
        assertEquals(new WorkloadKey("shop", "web"), plan.target());
    }
}

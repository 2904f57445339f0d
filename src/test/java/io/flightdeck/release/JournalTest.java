package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import io.flightdeck.model.ReleaseSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal ConfigMap: what it holds, finding releases in flight, resuming or rolling back from it, 409s. */
class JournalTest {

    static ReleaseFixture fx;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static ConfigMap journalOf(String releaseId) {
        return fx.client.configMaps().inNamespace("shop").withLabel(ReleaseJournal.RELEASE, releaseId).list()
                .getItems().get(0);
    }

    @Test
    void holdsThePlanTheCurrentStepAndEveryEventWithItsActor() {
        fx.awaitRolledOut("cart");
        ReleasePlan plan = new ReleasePlan(key("cart"), ReleaseChange.image("app", "registry.shop.example/cart:2.4"),
                ReleaseStrategy.canary(), List.of(ReleaseStep.setWeight(50), ReleaseStep.pause()));
        ReleaseHandle h = fx.engine().start(plan);
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        ConfigMap cm = journalOf(h.id());
        assertEquals("flightdeck", cm.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals("cart", cm.getMetadata().getLabels().get(ReleaseJournal.TARGET));
        assertEquals("true", cm.getMetadata().getLabels().get(ReleaseJournal.IN_FLIGHT));
        JournalRecord r = ReleaseJournal.parse(cm);
        assertEquals(plan, r.plan());
        assertEquals(ReleasePhase.PAUSED, r.state().phase());
        assertEquals("pause", StrategySteps.of(plan).forward().get(r.state().step()).name());
        ReleaseEvent first = r.events().get(0);
        assertEquals("start", first.action());
        assertEquals("sandbox-admin", first.actor().kubeUser());
        assertEquals("tester", first.actor().osUser());
        assertEquals("test-host", first.actor().host());
        assertTrue(r.events().stream().anyMatch(e -> e.action().equals("create")
                && "cart-canary".equals(e.details().get("deployment"))), r.events().toString());
        h.promote();
        ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        ConfigMap done = journalOf(h.id());
        assertEquals("false", done.getMetadata().getLabels().get(ReleaseJournal.IN_FLIGHT));
        assertEquals(ReleasePhase.SUCCEEDED, ReleaseJournal.parse(done).state().phase());
    }

    @Test
    void aNewEngineFindsTheReleaseInFlightAndResumesIt() {
        fx.awaitRolledOut("checkout");
        ReleasePlan plan = new ReleasePlan(key("checkout"),
                ReleaseChange.image("app", "registry.shop.example/checkout:2.2"), ReleaseStrategy.rolling(),
                List.of(ReleaseStep.setWeight(34), ReleaseStep.pause(), ReleaseStep.setWeight(100)));
        ReleaseHandle first = fx.engine(ReleaseFixture.settings(), "alice").start(plan);
        ReleaseFixture.awaitStep(first, "pause", ReleasePhase.PAUSED);
        first.close();
        first.finished().join();

        ReleaseEngine second = fx.engine(ReleaseFixture.settings(), "bob");
        List<ReleaseSummary> inFlight = second.inFlight("shop");
        assertEquals(1, inFlight.size(), inFlight.toString());
        ReleaseSummary s = inFlight.get(0);
        assertEquals(first.id(), s.id());
        assertEquals("pause", s.step());
        assertEquals("", s.holder(), "nobody drives it");
        ReleaseHandle resumed = second.resume(key("checkout"), false);
        ReleaseFixture.awaitStep(resumed, "pause", ReleasePhase.PAUSED);
        resumed.promote();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(resumed, ReleasePhase.SUCCEEDED);
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("promote")
                && e.actor().osUser().equals("bob")), "bob's promotion journaled");
        assertEquals("registry.shop.example/checkout:2.2", fx.awaitRolledOut("checkout").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aNewEngineRollsBackFromTheJournal() {
        fx.awaitRolledOut("payments");
        Map<String, JsonNode> before = fx.objects();
        ReleasePlan plan = new ReleasePlan(key("payments"),
                ReleaseChange.image("app", "registry.shop.example/payments:1.9"), ReleaseStrategy.blueGreen(),
                List.of(ReleaseStep.pause()));
        ReleaseHandle first = fx.engine().start(plan);
        ReleaseFixture.awaitStep(first, "pause", ReleasePhase.PAUSED);
        first.close();
        first.finished().join();
        ReleaseHandle resumed = fx.engine().resumeAsync("shop", first.id(), false).join();
        assertTrue(resumed.driving());
        resumed.abort();
        ReleaseFixture.awaitPhase(resumed, ReleasePhase.ABORTED);
        fx.awaitRolledOut("payments");
        fx.assertSameObjects(before);
        fx.assertNoLeftovers(before);
    }

    @Test
    void aConcurrentEditOfTheJournalIsAConflictThatIsRetried() {
        fx.awaitRolledOut("search");
        ReleasePlan plan = new ReleasePlan(key("search"),
                ReleaseChange.image("app", "registry.shop.example/search:2.1"),
                ReleaseStrategy.rolling(), List.of(ReleaseStep.pause()));
        ReleaseDriver h = (ReleaseDriver) fx.engine().start(plan);
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        String name = journalOf(h.id()).getMetadata().getName();
        fx.client.configMaps().inNamespace("shop").withName(name).edit(cm -> new ConfigMapBuilder(cm)
                .editMetadata().addToLabels("team", "payments-sre").endMetadata().build());
        h.promote();
        ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertTrue(h.journalConflicts() >= 1, "the write after the edit met a 409");
        ConfigMap cm = fx.client.configMaps().inNamespace("shop").withName(name).get();
        assertEquals("payments-sre", cm.getMetadata().getLabels().get("team"), "the other edit is kept");
        assertEquals(ReleasePhase.SUCCEEDED, ReleaseJournal.parse(cm).state().phase());
        assertTrue(ReleaseJournal.parse(cm).events().stream().anyMatch(e -> e.action().equals("promote")));
    }
}

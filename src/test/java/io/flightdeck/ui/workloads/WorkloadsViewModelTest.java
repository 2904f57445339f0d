package io.flightdeck.ui.workloads;

import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.EventSnapshot;
import io.flightdeck.model.Health;
import io.flightdeck.model.NamespaceSelection;
import io.flightdeck.model.PodSnapshot;
import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.flightdeck.ui.workloads.Pods.CHECKOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen's view model on a fake cluster state, without JavaFX running. */
class WorkloadsViewModelTest {

    private final FakeClusterState state = Pods.shop();
    private final FakeChooser chooser = new FakeChooser();
    private final MutableClock clock = new MutableClock(FakeClusterState.t0().plusSeconds(60));
    private final WorkloadsViewModel model = new WorkloadsViewModel(state, chooser, clock);

    @Test
    void groupsDeploymentsByNamespaceAndReadsOnlyWhenTheVersionMoved() {
        assertTrue(model.tick());
        List<NamespaceGroup> groups = model.list().groupsProperty().get();
        assertEquals(List.of("kube-system", "shop"), groups.stream().map(NamespaceGroup::namespace).toList());
        assertEquals(6, groups.get(1).workloads().size());
        int reads = state.workloadReads.get();
        assertFalse(model.tick(), "same version, same second: nothing read");
        clock.advance(1);
        assertFalse(model.tick(), "a second passed: ages refreshed, state not read");
        assertEquals(reads, state.workloadReads.get());
        state.put(Pods.workload(Pods.COREDNS, Health.DEGRADED, 2, state.workload(Pods.COREDNS).revisions(), 99));
        assertTrue(model.tick());
        assertEquals(reads + 1, state.workloadReads.get());
        assertEquals(new ListRow.NamespaceRow("kube-system", 1, 1), model.list().groupsProperty().get().get(0)
                .heading());
    }

    @Test
    void selectingCheckoutShowsItsRevisionPodsAndHeader() {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        assertEquals("shop/checkout", model.headerProperty().get().title());
        assertEquals(1, model.revisions().rows().size());
        RevisionRow rev = model.revisions().rows().getFirst();
        assertEquals(1, rev.number());
        assertEquals("2.0", rev.tag());
        assertEquals("60s", rev.age());
        assertEquals(3, model.grid().podCount());
        List<PodGroup> groups = model.grid().groupsProperty().get();
        assertEquals(1, groups.size());
        assertEquals("Revision 1 · " + Pods.checkoutHash() + " · 2.0 · 3/3 ready", groups.getFirst().title());
    }

    @Test
    void aPodTurningNotReadyShowsInItsCellAndInThePodDetail() {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        String pod = state.pods(CHECKOUT).get(1).name();
        model.grid().selectedPodProperty().set(pod);
        assertTrue(model.podDetail().detailProperty().get().ready());

        state.changePod(CHECKOUT, pod, Pods::notReady);
        model.tick();

        PodCell cell = model.grid().cell(pod).orElseThrow();
        assertFalse(cell.ready());
        assertEquals(PodTone.NOT_READY, cell.tone());
        assertEquals(ProbeHealth.FAILING, cell.readiness());
        PodDetail detail = model.podDetail().detailProperty().get();
        assertFalse(detail.ready());
        PodDetail.Probe readiness = detail.probes().get(1);
        assertEquals(ProbeHealth.FAILING, readiness.health());
        assertEquals("Readiness probe failed: HTTP probe failed with statuscode: 503", readiness.lastFailure());
        assertEquals("30s", readiness.lastFailureAge());
        assertTrue(model.grid().groupsProperty().get().getFirst().title().endsWith("2/3 ready"));
    }

    @Test
    void unchangedPodsKeepTheirCells() {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        List<PodGroup> before = model.grid().groupsProperty().get();
        state.put(Pods.workload(Pods.COREDNS, Health.DEGRADED, 2, state.workload(Pods.COREDNS).revisions(), 99));
        model.tick();
        assertTrue(before == model.grid().groupsProperty().get(), "nothing of checkout changed: same groups");
    }

    @Test
    void aNewRevisionAppearsNewestFirstWithItsPods() {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        Revision old = state.workload(CHECKOUT).revisions().getFirst();
        Revision next = Pods.revision(CHECKOUT, 2, "n3wh4sh", "2.1", 1);
        state.put(new WorkloadSnapshot(CHECKOUT, Health.PROGRESSING, 3, 1, 3, 3, "registry.shop.example/checkout:2.1",
                "2.1", false, List.of(next, old), "ReplicaSet \"checkout-n3wh4sh\" is progressing.", 7));
        List<PodSnapshot> pods = new ArrayList<>(state.pods(CHECKOUT));
        pods.add(Pods.pod(CHECKOUT, "n3wh4sh", "zzz01", false));
        state.pods(CHECKOUT, pods);
        model.tick();

        assertEquals(List.of(2L, 1L), model.revisions().rows().stream().map(RevisionRow::number).toList());
        assertTrue(model.revisions().rows().getFirst().newest());
        List<PodGroup> groups = model.grid().groupsProperty().get();
        assertEquals(List.of(2L, 1L), groups.stream().map(PodGroup::revision).toList());
        assertEquals(1, groups.getFirst().cells().size());
        assertEquals(Health.PROGRESSING, model.headerProperty().get().health());
        assertEquals("ReplicaSet \"checkout-n3wh4sh\" is progressing.", model.headerProperty().get().message());
    }

    @Test
    void eventsAreNewestFirstWithWarningsMarkedAndAgesMove() {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        Instant t = FakeClusterState.t0();
        String pod = state.pods(CHECKOUT).getFirst().name();
        List<EventSnapshot> events = List.of(
                Pods.event("Deployment", "checkout", "Normal", "ScalingReplicaSet", "Scaled up", t),
                Pods.event("Pod", pod, "Warning", "Unhealthy", "Readiness probe failed: 503", t.plusSeconds(40)),
                Pods.event("ReplicaSet", "checkout-x", "Normal", "SuccessfulCreate", "Created pod", t.plusSeconds(10)));
        state.events(CHECKOUT, events);
        model.tick();
        List<EventRow> rows = model.events().rows();
        assertEquals(List.of("Unhealthy", "SuccessfulCreate", "ScalingReplicaSet"),
                rows.stream().map(EventRow::reason).toList());
        assertTrue(rows.getFirst().warning());
        assertEquals("Pod/" + pod, rows.getFirst().object());
        assertEquals("20s", rows.getFirst().age());
        assertEquals(1, model.events().warningsProperty().get());

        clock.advance(5);
        model.tick();
        assertEquals("25s", model.events().rows().getFirst().age());

        model.grid().selectedPodProperty().set(pod);
        List<PodDetail.Failure> failures = model.podDetail().detailProperty().get().failures();
        assertEquals(1, failures.size());
        assertEquals("Unhealthy", failures.getFirst().reason());
    }

    @Test
    void aDeletedDeploymentOrPodSaysSo() {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        String pod = state.pods(CHECKOUT).getFirst().name();
        model.grid().selectedPodProperty().set(pod);
        state.pods(CHECKOUT, state.pods(CHECKOUT).subList(1, 3));
        model.tick();
        assertTrue(model.podDetail().detailProperty().get().gone());
        state.remove(CHECKOUT);
        model.tick();
        assertTrue(model.headerProperty().get().gone());
        assertEquals(0, model.grid().podCount());
        assertNull(model.podDetail().detailProperty().get());
    }

    @Test
    void bannerTellsEachConnectionState() {
        Instant since = clock.instant().minusSeconds(75);
        ZoneId utc = ZoneOffset.UTC;
        assertEquals(new Banner(Banner.Tone.OK, "Connected to sandbox"), ConnectionBannerViewModel.describe(
                new ConnectionStatus(ConnectionStatus.State.CONNECTED, "sandbox", null, null), clock.instant(), utc));
        assertEquals(new Banner(Banner.Tone.WARN, "Reconnecting to prod since 11:59:45 (75s); showing what was last"
                        + " seen — watch of pods closed"),
                ConnectionBannerViewModel.describe(new ConnectionStatus(ConnectionStatus.State.RECONNECTING, "prod",
                        "watch of pods closed", since), clock.instant(), utc));
        assertEquals(new Banner(Banner.Tone.WARN, "Forbidden on prod: list pods in namespace payments"
                        + " — what is allowed is still shown"),
                ConnectionBannerViewModel.describe(new ConnectionStatus(ConnectionStatus.State.FORBIDDEN, "prod",
                        "forbidden: list pods in namespace payments", since), clock.instant(), utc));
        Banner unreachable = ConnectionBannerViewModel.describe(new ConnectionStatus(
                ConnectionStatus.State.UNREACHABLE, "prod", "cannot reach http://127.0.0.1:1: connection refused by"
                + " 127.0.0.1:1 (nothing listens there)", since), clock.instant(), utc);
        assertEquals(Banner.Tone.DANGER, unreachable.tone());
        assertEquals("prod is unreachable: cannot reach http://127.0.0.1:1: connection refused by 127.0.0.1:1"
                + " (nothing listens there)", unreachable.text());
        assertEquals(new Banner(Banner.Tone.INFO, "Connecting to sandbox (http://127.0.0.1:4, all namespaces)…"),
                ConnectionBannerViewModel.describe(new ConnectionStatus(ConnectionStatus.State.CONNECTING, "sandbox",
                        "connecting to http://127.0.0.1:4, all namespaces", since), clock.instant(), utc));

        state.connection(new ConnectionStatus(ConnectionStatus.State.UNREACHABLE, "prod", "timed out", since));
        model.tick();
        assertEquals("prod is unreachable: timed out", model.banner().bannerProperty().get().text());
    }

    @Test
    void aContextSwitchShowsProgressThenTheNewState() throws Exception {
        model.tick();
        model.list().selectedProperty().set(CHECKOUT);
        model.contextBar().requestContext("prod-eu");
        model.tick();
        assertEquals("Connecting to prod-eu…", model.banner().bannerProperty().get().text());
        assertEquals("kind-dev", model.contextBar().activeContextProperty().get());

        FakeClusterState prod = new FakeClusterState();
        prod.put(Pods.workload(new WorkloadKey("web", "api"), Health.HEALTHY, 1, List.of(), 1));
        Thread completer = Thread.ofPlatform().start(() -> chooser.last().result().complete(prod));
        completer.join();
        model.tick();
        assertEquals("prod-eu", model.contextBar().activeContextProperty().get());
        assertTrue(model.state() == prod);
        assertEquals(List.of("web"), model.list().groupsProperty().get().stream().map(NamespaceGroup::namespace)
                .toList());
        assertEquals("Connected to fake", model.banner().bannerProperty().get().text());
        assertNull(model.list().selectedProperty().get(), "another cluster: nothing selected");
        assertNull(model.headerProperty().get());
    }

    @Test
    void aFailedSwitchSaysWhyAndKeepsTheOldContext() {
        model.tick();
        model.contextBar().request("prod-eu", NamespaceSelection.of(List.of("shop")));
        assertEquals(NamespaceSelection.of(List.of("shop")), chooser.last().namespaces());
        chooser.last().result().completeExceptionally(new IllegalStateException("no route to host 10.0.0.1:6443"));
        model.tick();
        assertEquals(new Banner(Banner.Tone.DANGER, "Could not open prod-eu: no route to host 10.0.0.1:6443"),
                model.banner().bannerProperty().get());
        assertEquals("kind-dev", model.contextBar().activeContextProperty().get());
        assertTrue(model.state() == state);
    }

    @Test
    void aSupersededSwitchIsIgnored() {
        model.tick();
        model.contextBar().requestContext("prod-eu");
        model.contextBar().requestContext(ContextChooser.SANDBOX);
        chooser.switches.get(0).result().complete(new FakeClusterState());
        model.tick();
        assertEquals("Connecting to Sandbox…", model.banner().bannerProperty().get().text());
        assertTrue(model.state() == state);
    }

    @Test
    void namespaceOptionsJoinSeenKnownAndChosen() {
        model.tick();
        assertEquals(List.of("default", "kube-system", "payments-team", "shop"),
                model.contextBar().namespaceOptions());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.flightdeck.model.Actor;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 409 in the middle of a step: just before the engine's guarded patch goes out, someone else edits the same object
 * (a label). The patch carries the resourceVersion the engine read, so it gets 409 Conflict; the engine re-reads,
 * re-applies its change on the next tick, and the other edit survives. Any other API error (a 403 here) stops the
 * step and keeps the release paused with the error until it is resumed.
 */
class ReleaseConflictTest {

    static ReleaseFixture fx;
    static KubernetesClient someoneElse;
    static KubernetesClient engineClient;
    static final AtomicReference<Runnable> beforeNextPatch = new AtomicReference<>();
    static final AtomicReference<String> patchPath = new AtomicReference<>("");

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
        someoneElse = fx.cluster.newClient();
        engineClient = new KubernetesClientBuilder().withConfig(fx.cluster.clientConfig())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("concurrent-edit", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if ("PATCH".equals(request.method()) && request.uri().getPath().endsWith(patchPath.get())) {
                            Runnable edit = beforeNextPatch.getAndSet(null);
                            if (edit != null) {
                                edit.run();
                            }
                        }
                    }
                })).build();
    }

    @AfterAll
    static void stop() {
        engineClient.close();
        someoneElse.close();
        fx.close();
    }

    private static ReleaseEngine engine() {
        return new ReleaseEngine(engineClient, fx.executor, new Actor("sandbox-admin", "tester", "test-host"),
                ReleaseFixture.settings());
    }

    private static void assertConflictRetried(ReleaseSnapshot s) {
        List<ReleaseEvent> conflicts = s.events().stream().filter(e -> e.action().equals("conflict")).toList();
        assertEquals(1, conflicts.size(), s.events().toString());
        assertEquals("retried", conflicts.get(0).outcome());
        assertTrue(conflicts.get(0).details().get("error").startsWith("HTTP 409"), conflicts.get(0).toString());
    }

    @Test
    void aConcurrentLabelEditMakesTheTemplatePatchConflictAndItIsRetried() {
        fx.awaitRolledOut("storefront");
        patchPath.set("/deployments/storefront");
        beforeNextPatch.set(() -> someoneElse.apps().deployments().inNamespace("shop").withName("storefront")
                .edit(d -> new DeploymentBuilder(d).editMetadata().addToLabels("owner", "web-team").endMetadata()
                        .build()));
        ReleaseHandle h = engine().start(new ReleasePlan(key("storefront"),
                ReleaseChange.image("app", "registry.shop.example/storefront:3.5"), ReleaseStrategy.rolling(),
                List.of()));
        ReleaseSnapshot done = ReleaseFixture.await(h, s -> s.phase() == ReleasePhase.SUCCEEDED,
                Duration.ofSeconds(60));
        assertConflictRetried(done);
        var d = fx.awaitRolledOut("storefront");
        assertEquals("web-team", d.getMetadata().getLabels().get("owner"), "the other edit survives");
        assertEquals("registry.shop.example/storefront:3.5",
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aConcurrentEditOfTheActiveServiceMakesTheSwitchConflictAndItIsRetried() {
        fx.awaitRolledOut("checkout");
        patchPath.set("/services/checkout");
        beforeNextPatch.set(() -> someoneElse.services().inNamespace("shop").withName("checkout")
                .edit(s -> new ServiceBuilder(s).editMetadata().addToAnnotations("note", "edited").endMetadata()
                        .build()));
        ReleaseHandle h = engine().start(new ReleasePlan(key("checkout"),
                ReleaseChange.image("app", "registry.shop.example/checkout:2.3"),
                ReleaseStrategy.blueGreen("checkout", "", Duration.ZERO), List.of()));
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertConflictRetried(done);
        assertEquals("edited", fx.client.services().inNamespace("shop").withName("checkout").get().getMetadata()
                .getAnnotations().get("note"));
    }

    @Test
    void anotherApiErrorPausesTheReleaseWithTheErrorUntilResumed() {
        fx.awaitRolledOut("payments");
        ReleaseHandle h = fx.engine().start(new ReleasePlan(key("payments"),
                ReleaseChange.image("app", "registry.shop.example/payments:1.8"),
                ReleaseStrategy.blueGreen("payments", "", Duration.ZERO), List.of(ReleaseStep.pause())));
        ReleaseFixture.awaitStep(h, "pause", ReleasePhase.PAUSED);
        fx.cluster.server().rbac().deny("patch:services:shop");
        ReleaseSnapshot failed;
        try {
            h.promote();
            failed = ReleaseFixture.await(h, s -> !s.error().isEmpty(), Duration.ofSeconds(30));
        } finally {
            fx.cluster.server().rbac().clear();
        }
        assertEquals(ReleasePhase.PAUSED, failed.phase());
        assertEquals("switch to payments-green", failed.steps().get(failed.stepIndex()).name());
        assertEquals(ReleaseSnapshot.StepState.FAILED, failed.steps().get(failed.stepIndex()).state());
        assertTrue(failed.error().startsWith("HTTP 403"), failed.error());
        h.resume();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertTrue(done.events().stream().anyMatch(e -> e.outcome().equals("failed")), "the failure is journaled");
    }
}

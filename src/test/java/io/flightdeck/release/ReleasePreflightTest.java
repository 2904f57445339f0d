package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is checked before a release changes anything: permissions, the target, GitOps ownership. */
class ReleasePreflightTest {

    static ReleaseFixture fx;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aForbiddenVerbIsNamedAndNothingChanges() {
        Deployment before = fx.awaitRolledOut("payments");
        fx.cluster.server().rbac().deny("patch:deployments:shop");
        try {
            ReleasePlan plan = new ReleasePlan(key("payments"),
                    ReleaseChange.image("app", "registry.shop.example/payments:1.7"), ReleaseStrategy.canary(),
                    List.of());
            PreflightException e = assertThrows(PreflightException.class, () -> fx.engine().start(plan));
            assertEquals(List.of("patch deployments.apps in shop"), e.missingPermissions());
            assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        } finally {
            fx.cluster.server().rbac().clear();
        }
        assertEquals(before.getMetadata().getResourceVersion(),
                fx.deployment("payments").getMetadata().getResourceVersion(), "Deployment untouched");
        assertEquals(List.of(), fx.client.configMaps().inNamespace("shop").withLabel(ReleaseJournal.TARGET, "payments")
                .list().getItems(), "no journal");
        assertEquals(null, fx.client.leases().inNamespace("shop").withName("flightdeck-payments").get(), "no lock");
        assertEquals(null, fx.deployment("payments-canary"));
    }

    @Test
    void gitOpsOwnershipIsAWarningInThePreflightAndTheJournal() {
        fx.client.apps().deployments().inNamespace("shop").withName("search").edit(d -> new DeploymentBuilder(d)
                .editMetadata().addToLabels("app.kubernetes.io/managed-by", "Helm")
                .addToLabels("app.kubernetes.io/instance", "shop-search").addToLabels("helm.sh/chart", "search-1.0")
                .addToLabels("argocd.argoproj.io/instance", "shop").endMetadata().build());
        ReleasePlan plan = new ReleasePlan(key("search"),
                ReleaseChange.image("app", "registry.shop.example/search:2.0"),
                ReleaseStrategy.rolling(), List.of());
        ReleaseEngine engine = fx.engine();
        Preflight.Report report = engine.preflight(plan);
        assertEquals(2, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).contains("Argo CD (shop)"), report.warnings().get(0));
        assertTrue(report.warnings().get(1).contains("Helm (release shop-search)"), report.warnings().get(1));
        ReleaseHandle h = engine.start(plan);
        var done = ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        ReleaseEvent start = done.events().get(0);
        assertEquals("start", start.action());
        assertTrue(start.details().get("warning1").contains("Argo CD"), start.details().toString());
    }

    @Test
    void refusesAPausedTargetAMissingContainerAndANoOpChange() {
        fx.awaitRolledOut("cart");
        ReleaseEngine engine = fx.engine();
        PreflightException container = assertThrows(PreflightException.class, () -> engine.start(new ReleasePlan(
                key("cart"), ReleaseChange.image("sidecar", "x:1"), ReleaseStrategy.rolling(), List.of())));
        assertTrue(container.getMessage().contains("no container named 'sidecar'"), container.getMessage());
        PreflightException same = assertThrows(PreflightException.class, () -> engine.start(new ReleasePlan(
                key("cart"), ReleaseChange.image("app", "registry.shop.example/cart:2.2"), ReleaseStrategy.rolling(),
                List.of())));
        assertTrue(same.getMessage().contains("leaves Deployment shop/cart as it is"), same.getMessage());
        PreflightException noService = assertThrows(PreflightException.class, () -> engine.start(new ReleasePlan(
                key("cart"), ReleaseChange.image("app", "registry.shop.example/cart:2.3"),
                ReleaseStrategy.blueGreen("cart-missing", "", null), List.of())));
        assertTrue(noService.getMessage().contains("active Service shop/cart-missing"), noService.getMessage());
    }
}

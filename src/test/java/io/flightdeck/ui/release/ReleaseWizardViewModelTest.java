package io.flightdeck.ui.release;

import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.StrategyKind;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.release.PreflightException;
import io.flightdeck.release.ReleaseHandle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wizard's view model, image validation and steps text, without a toolkit and with direct executors. */
class ReleaseWizardViewModelTest {

    @Test
    void imageReferences() {
        for (String ok : List.of("nginx", "nginx:1.27", "registry.shop.example/cart:2.3", "localhost:5000/a/b:c",
                "ghcr.io/org/app_x-y:v1.2.3-rc.1", "a/b@sha256:" + "a".repeat(64),
                "reg.io:443/app:1@sha256:" + "0".repeat(64), "Registry.Example/app")) {
            assertEquals("", ImageReference.problem(ok), ok);
        }
        assertTrue(ImageReference.problem("registry.example/cart: 2.3").contains("spaces"));
        assertTrue(ImageReference.problem("registry.example/Cart:2.3").contains("lowercase"));
        assertTrue(ImageReference.problem("registry.example/cart:").contains("empty"));
        assertFalse(ImageReference.valid("cart:-x"));
        assertFalse(ImageReference.valid("cart@sha256:abc"));
        assertFalse(ImageReference.valid("a//b"));
        assertFalse(ImageReference.valid(""));
    }

    @Test
    void stepsText() {
        List<ReleaseStep> steps = StepsText.parse("10, pause, 25%, pause 30s, analysis smoke, 100");
        assertEquals(List.of(ReleaseStep.setWeight(10), ReleaseStep.pause(), ReleaseStep.setWeight(25),
                ReleaseStep.pause(Duration.ofSeconds(30)), ReleaseStep.analysis("smoke"), ReleaseStep.setWeight(100)),
                steps);
        assertEquals("10, pause, 25, pause 30s, analysis smoke, 100", StepsText.format(steps));
        assertThrows(IllegalArgumentException.class, () -> StepsText.parse("10, wait"));
        assertThrows(IllegalArgumentException.class, () -> StepsText.parse("150"));
    }

    @Test
    void presetsFillStrategyAndSteps() {
        ReleaseWizardViewModel vm = new ReleaseWizardViewModel(p -> null, Runnable::run, Runnable::run);
        assertEquals(StrategyKind.CANARY, vm.strategyProperty().get());
        assertEquals("10, pause, 25, pause, 50, pause, 100", vm.stepsProperty().get());
        vm.applyPreset(StepPreset.BLUE_GREEN);
        assertEquals(StrategyKind.BLUE_GREEN, vm.strategyProperty().get());
        assertEquals("analysis smoke, pause", vm.stepsProperty().get());
        vm.applyPreset(StepPreset.ROLLING);
        assertEquals("", vm.stepsProperty().get());
    }

    @Test
    void startIsDisabledUntilTheFieldsDescribeAPlan() {
        ReleaseWizardViewModel vm = new ReleaseWizardViewModel(p -> null, Runnable::run, Runnable::run);
        assertFalse(vm.canStartProperty().get());
        vm.target(new WorkloadKey("shop", "cart"), "app", "registry.shop.example/cart:2.2");
        assertTrue(vm.canStartProperty().get());
        vm.imageProperty().set("registry.shop.example/cart:");
        assertTrue(vm.problemProperty().get().startsWith("image:"));
        assertFalse(vm.canStartProperty().get());
        vm.imageProperty().set("registry.shop.example/cart:2.3");
        vm.strategyProperty().set(StrategyKind.BLUE_GREEN);
        assertTrue(vm.problemProperty().get().contains("blue/green has no weights"), vm.problemProperty().get());
        vm.applyPreset(StepPreset.BLUE_GREEN);
        assertEquals("", vm.problemProperty().get());
    }

    @Test
    void analysesChosenByNameGoIntoThePlan() {
        ReleaseWizardViewModel vm = new ReleaseWizardViewModel(p -> null, Runnable::run, Runnable::run);
        vm.target(new WorkloadKey("shop", "cart"), "app", "registry.shop.example/cart:2.3");
        assertEquals("", vm.plan().backgroundAnalysis());
        vm.backgroundAnalysisProperty().set(" success-rate , restarts ");
        assertEquals("success-rate,restarts", vm.plan().backgroundAnalysis());
        vm.postPromotionAnalysisProperty().set("latency-p99");
        assertEquals("", vm.plan().postPromotionAnalysis(), "a canary has no switch to analyse after");
        assertTrue(vm.canStartProperty().get(), vm.problemProperty().get());

        vm.applyPreset(StepPreset.BLUE_GREEN);
        ReleasePlan plan = vm.plan();
        assertEquals("success-rate,restarts", plan.backgroundAnalysis());
        assertEquals("latency-p99", plan.postPromotionAnalysis());

        vm.postPromotionAnalysisProperty().set("latency-p99,sucess-rate");
        assertEquals("post-promotion analysis: 'sucess-rate' is not a built-in template; choose from success-rate,"
                + " latency-p99, canary-vs-stable, restarts", vm.problemProperty().get());
        assertFalse(vm.canStartProperty().get());
        vm.postPromotionAnalysisProperty().set("");
        vm.applyPreset(StepPreset.ROLLING);
        vm.backgroundAnalysisProperty().set("canary-vs-stable");
        assertTrue(vm.problemProperty().get().contains("a rolling release has none"), vm.problemProperty().get());
        vm.backgroundAnalysisProperty().set("restarts,restarts");
        assertTrue(vm.problemProperty().get().contains("'restarts' is named twice"), vm.problemProperty().get());
    }

    @Test
    void strategyParametersGoIntoThePlan() {
        ReleaseWizardViewModel vm = new ReleaseWizardViewModel(p -> null, Runnable::run, Runnable::run);
        vm.target(new WorkloadKey("shop", "cart"), "app", "registry.shop.example/cart:2.3");
        vm.applyPreset(StepPreset.ROLLING);
        vm.maxSurgeProperty().set("25%");
        vm.maxUnavailableProperty().set("0");
        assertEquals("25%", vm.plan().strategy().maxSurge());
        assertEquals("0", vm.plan().strategy().maxUnavailable());
        vm.maxSurgeProperty().set("lots");
        assertTrue(vm.problemProperty().get().startsWith("max surge"), vm.problemProperty().get());
        vm.applyPreset(StepPreset.BLUE_GREEN);
        vm.serviceProperty().set("cart-active");
        vm.previewServiceProperty().set("cart-preview");
        vm.scaleDownDelayProperty().set("2m");
        assertEquals("cart-preview", vm.plan().strategy().previewService());
        assertEquals(Duration.ofMinutes(2), vm.plan().strategy().scaleDownDelay());
        vm.scaleDownDelayProperty().set("soon");
        assertTrue(vm.problemProperty().get().startsWith("scale-down delay"), vm.problemProperty().get());
    }

    @Test
    void startBuildsThePlanAndHandsOverTheHandle() {
        List<ReleasePlan> plans = new ArrayList<>();
        FakeHandle handle = new FakeHandle(null);
        ReleaseWizardViewModel vm = new ReleaseWizardViewModel(p -> {
            plans.add(p);
            return handle;
        }, Runnable::run, Runnable::run);
        vm.target(new WorkloadKey("shop", "cart"), "app", "registry.shop.example/cart:2.3");
        List<ReleaseHandle> started = new ArrayList<>();
        vm.start(started::add);
        assertSame(handle, started.getFirst());
        ReleasePlan plan = plans.getFirst();
        assertEquals(new WorkloadKey("shop", "cart"), plan.target());
        assertEquals("registry.shop.example/cart:2.3", plan.change().images().get("app"));
        assertEquals(StrategyKind.CANARY, plan.strategy().kind());
        assertEquals(ReleasePlan.weightedSteps(List.of(10, 25, 50, 100), null), plan.steps());
        assertFalse(vm.startingProperty().get());
    }

    @Test
    void aPreflightRefusalIsShownAndTheWizardStaysUsable() {
        List<Runnable> background = new ArrayList<>();
        ReleaseWizardViewModel vm = new ReleaseWizardViewModel(p -> {
            throw new PreflightException("missing permission: patch deployments.apps in shop",
                    List.of("patch deployments.apps in shop"));
        }, background::add, Runnable::run);
        vm.target(new WorkloadKey("shop", "cart"), "app", "registry.shop.example/cart:2.3");
        List<ReleaseHandle> started = new ArrayList<>();
        vm.start(started::add);
        assertTrue(vm.startingProperty().get());
        assertFalse(vm.canStartProperty().get(), "no second start while one is under way");
        background.getFirst().run();
        assertEquals(List.of(), started);
        assertEquals("Preflight refused the release: missing permission: patch deployments.apps in shop",
                vm.errorProperty().get());
        assertTrue(vm.canStartProperty().get());
    }
}

package io.flightdeck;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The layering of DESIGN.md, checked on the production classes. {@code app} is the composition root on top: it
 * wires everything, and nothing depends on it. {@code ui} sits below it and may use release, signals, cluster and
 * model. The sandbox stands in for a real Kubernetes, so it depends on none of the product's layers, and only
 * {@code app} may use it. Every rule passes while its packages are still empty.
 */
@AnalyzeClasses(packages = "io.flightdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String UI = "io.flightdeck.ui..";
    private static final String APP = "io.flightdeck.app..";
    private static final String SANDBOX = "io.flightdeck.sandbox..";

    @ArchTest
    static final ArchRule onlyUiImportsJavafxScene = noClasses()
            .that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("only ui/ builds scene graphs; app/ hands ui/ a Stage")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule logicImportsNoJavafx = noClasses()
            .that().resideInAnyPackage("io.flightdeck.model..", "io.flightdeck.cluster..",
                    "io.flightdeck.release..", "io.flightdeck.signals..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("model, cluster, release and signals run and are tested without JavaFX")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyAppUsesTheSandbox = noClasses()
            .that().resideOutsideOfPackages(SANDBOX, APP)
            .should().dependOnClassesThat().resideInAPackage(SANDBOX)
            .because("product code talks to Kubernetes only through the fabric8 client")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule layersPointDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("App").definedBy(APP)
            .layer("Ui").definedBy(UI)
            .layer("Release").definedBy("io.flightdeck.release..")
            .layer("Signals").definedBy("io.flightdeck.signals..")
            .layer("Cluster").definedBy("io.flightdeck.cluster..")
            .layer("Model").definedBy("io.flightdeck.model..")
            .layer("Sandbox").definedBy(SANDBOX)
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Release").mayOnlyBeAccessedByLayers("Ui", "App")
            .whereLayer("Signals").mayOnlyBeAccessedByLayers("Release", "Ui", "App")
            .whereLayer("Cluster").mayOnlyBeAccessedByLayers("Signals", "Release", "Ui", "App")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Cluster", "Signals", "Release", "Ui", "App")
            .whereLayer("Sandbox").mayOnlyBeAccessedByLayers("App")
            .allowEmptyShould(true);
}

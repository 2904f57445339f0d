package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterChooserTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: prod
              cluster:
                server: https://prod.example.test:6443
            - name: staging
              cluster:
                server: https://staging.example.test:8443/
            contexts:
            - name: prod-eu
              context: {cluster: prod, user: me, namespace: shop}
            - name: staging
              context: {cluster: staging, user: me}
            %s
            users:
            - name: me
              user: {token: not-a-secret}
            """;

    @TempDir
    Path home;

    private Path writeKubeconfig(Path file, String currentContextLine) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, KUBECONFIG.formatted(currentContextLine));
    }

    private ClusterChooser chooser(Map<String, String> env, Path kubeconfig) {
        ClusterChooser.KubeconfigLoader loader = context -> Config.fromKubeconfig(context, kubeconfig.toFile());
        return new ClusterChooser(new ClusterChooser.Environment(env::get, name -> null, home), loader);
    }

    private ClusterChooser withoutKubeconfig() {
        return new ClusterChooser(new ClusterChooser.Environment(name -> null, name -> null, home),
                context -> { throw new AssertionError("nothing to read"); });
    }

    @Test
    void noKubeconfigMeansTheSandbox() throws UsageException {
        ClusterChoice choice = withoutKubeconfig().choose(LaunchOptions.NONE);
        assertEquals(ClusterTarget.sandbox(), choice.target());
        assertEquals("no kubeconfig found at " + home.resolve(".kube/config"), choice.reason());
        assertEquals(Optional.empty(), choice.namespace());
    }

    @Test
    void sandboxOptionWinsOverAKubeconfig() throws Exception {
        Path file = writeKubeconfig(home.resolve(".kube/config"), "current-context: staging");
        ClusterChoice choice = chooser(Map.of(), file).choose(LaunchOptions.parse("--sandbox", "-n", "shop"));
        assertTrue(choice.target().isSandbox());
        assertEquals(Optional.of("shop"), choice.namespace());
        assertEquals("chosen with --sandbox", choice.reason());
    }

    @Test
    void currentContextOfTheDefaultKubeconfig() throws Exception {
        Path file = writeKubeconfig(home.resolve(".kube/config"), "current-context: staging");
        ClusterChoice choice = chooser(Map.of(), file).choose(LaunchOptions.NONE);
        assertEquals(ClusterTarget.context("staging", "https://staging.example.test:8443"), choice.target());
        assertFalse(choice.target().isSandbox());
        assertTrue(choice.reason().startsWith("current context of kubeconfig " + file), choice.reason());
    }

    @Test
    void contextOptionPicksThatContextAndItsNamespace() throws Exception {
        Path file = writeKubeconfig(home.resolve(".kube/config"), "current-context: staging");
        ClusterChoice choice = chooser(Map.of(), file).choose(LaunchOptions.parse("--context", "prod-eu"));
        assertEquals(ClusterTarget.context("prod-eu", "https://prod.example.test:6443"), choice.target());
        assertEquals(Optional.of("shop"), choice.namespace());
        ClusterChoice overridden = chooser(Map.of(), file)
                .choose(LaunchOptions.parse("--context", "prod-eu", "--namespace", "payments"));
        assertEquals(Optional.of("payments"), overridden.namespace());
    }

    @Test
    void missingContextNamesTheAvailableOnes() throws IOException {
        Path file = writeKubeconfig(home.resolve(".kube/config"), "current-context: staging");
        UsageException error = assertThrows(UsageException.class,
                () -> chooser(Map.of(), file).choose(LaunchOptions.parse("--context", "prod-us")));
        assertEquals("context 'prod-us' not found in kubeconfig " + file + "; available contexts: prod-eu, staging",
                error.getMessage());
    }

    @Test
    void contextWithoutAnyKubeconfigIsAnError() {
        UsageException error = assertThrows(UsageException.class,
                () -> withoutKubeconfig().choose(LaunchOptions.parse("--context", "prod-eu")));
        assertTrue(error.getMessage().contains("no kubeconfig found at " + home.resolve(".kube/config")),
                error.getMessage());
    }

    @Test
    void kubeconfigVariableIsFollowedAndNamedInMessages() throws Exception {
        Path file = writeKubeconfig(home.resolve("elsewhere/cfg"), "current-context: prod-eu");
        Path missing = home.resolve("missing");
        ClusterChooser chooser = chooser(Map.of("KUBECONFIG", missing + File.pathSeparator + file), file);
        assertEquals(List.of(missing, file), chooser.kubeconfigFiles());
        ClusterChoice choice = chooser.choose(LaunchOptions.NONE);
        assertEquals("prod-eu", choice.target().name());
        assertTrue(choice.reason().endsWith("(from KUBECONFIG)"), choice.reason());

        ClusterChoice none = chooser(Map.of("KUBECONFIG", missing.toString()), file).choose(LaunchOptions.NONE);
        assertTrue(none.target().isSandbox());
        assertEquals("no kubeconfig found at " + missing + " (from KUBECONFIG)", none.reason());
    }

    @Test
    void kubeconfigWithoutCurrentContextFallsBackToTheSandboxAndSaysWhy() throws Exception {
        Path file = writeKubeconfig(home.resolve(".kube/config"), "");
        ClusterChoice choice = chooser(Map.of(), file).choose(LaunchOptions.NONE);
        assertTrue(choice.target().isSandbox());
        assertTrue(choice.reason().contains("sets no current-context (available contexts: prod-eu, staging;"),
                choice.reason());
    }

    @Test
    void theRealChooserReadsTheKubeconfigPropertyThroughFabric8() throws Exception {
        Path file = writeKubeconfig(home.resolve("real/config"), "current-context: staging");
        String before = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", file.toString());
        try {
            ClusterChoice choice = ClusterChooser.fromSystem().choose(LaunchOptions.parse("--context", "prod-eu"));
            assertEquals(ClusterTarget.context("prod-eu", "https://prod.example.test:6443"), choice.target());
            assertThrows(UsageException.class,
                    () -> ClusterChooser.fromSystem().choose(LaunchOptions.parse("--context", "nope")));
        } finally {
            if (before == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", before);
            }
        }
    }
}

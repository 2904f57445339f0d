package io.flightdeck.cluster;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.model.KubeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubeconfig's contexts as kubectl merges them from several files, listed without running any credential plugin
 * or exposing a secret; a context's Config through fabric8 with its exec plugin; nothing written to disk.
 */
class KubeconfigContextsTest {

    @TempDir
    Path dir;

    @Test
    void listsTheContextsOfAllFilesFirstDefinitionWinning() throws IOException {
        Path a = write("a.yaml", """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster: {server: "https://prod.example:6443"}
                users:
                - name: jane
                  user: {token: secret-jane}
                contexts:
                - name: prod
                  context: {cluster: prod, user: jane, namespace: shop}
                current-context: prod
                """);
        Path b = write("b.yaml", """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster: {server: "https://shadowed.example"}
                - name: lab
                  cluster: {server: "https://lab.example", insecure-skip-tls-verify: true}
                users:
                - name: eks
                  user:
                    exec: {apiVersion: client.authentication.k8s.io/v1, command: /usr/local/bin/aws, args: [eks]}
                contexts:
                - name: lab
                  context: {cluster: lab, user: eks}
                - name: prod
                  context: {cluster: lab, user: eks}
                current-context: lab
                """);
        KubeconfigContexts contexts = new KubeconfigContexts(List.of(a, b, dir.resolve("missing.yaml")),
                name -> {
                    throw new AssertionError("listing must not load credentials");
                });
        assertEquals(List.of(
                new KubeContext("lab", "lab", "https://lab.example", "default", "eks", "exec: aws", true, false),
                new KubeContext("prod", "prod", "https://prod.example:6443", "shop", "jane", "token", false, true)),
                contexts.contexts());
        assertEquals(Optional.of("prod"), contexts.currentContext());
        assertFalse(contexts.contexts().toString().contains("secret"), "no secret in the listing");
    }

    @Test
    void buildsAContextsConfigWithItsExecPluginAndWritesNothing() throws IOException {
        Path plugin = write("plugin.sh", """
                #!/bin/sh
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'\
                  '"status":{"token":"exec-token-1"}}'
                """);
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
        Path kubeconfig = write("config", """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://c.example:6443"}
                users:
                - name: u
                  user:
                    exec: {apiVersion: client.authentication.k8s.io/v1, command: %s, interactiveMode: Never}
                contexts:
                - name: ctx
                  context: {cluster: c, user: u, namespace: team}
                - name: other
                  context: {cluster: c, user: u}
                current-context: other
                """.formatted(plugin));
        Map<Path, String> before = snapshot();
        Config config = KubeconfigContexts.forFile(kubeconfig).config("ctx");
        assertEquals("https://c.example:6443/", config.getMasterUrl());
        assertEquals("team", config.getNamespace());
        assertEquals("exec-token-1", config.getAutoOAuthToken());
        assertFalse(config.isTrustCerts(), "TLS verification stays on");
        assertEquals(before, snapshot(), "nothing written next to the kubeconfig");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KubeconfigContexts.forFile(kubeconfig)
                .config("nope")).getMessage().contains("available contexts: ctx, other"));
    }

    @Test
    void fromSystemReadsTheKubeconfigPropertyLikeFabric8() throws IOException {
        Path a = write("one", """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://one.example"}}]
                contexts: [{name: one, context: {cluster: c}}]
                current-context: one
                """);
        Path b = write("two", """
                apiVersion: v1
                kind: Config
                clusters: [{name: d, cluster: {server: "https://two.example"}}]
                contexts: [{name: two, context: {cluster: d, namespace: ops}}]
                """);
        String old = System.getProperty("kubeconfig");
        System.setProperty("kubeconfig", a + java.io.File.pathSeparator + b);
        try {
            KubeconfigContexts contexts = KubeconfigContexts.fromSystem();
            assertEquals(List.of(a, b), contexts.files());
            assertEquals(List.of("one", "two"), contexts.contexts().stream().map(KubeContext::name).toList());
            Config two = contexts.config("two");
            assertEquals("https://two.example/", two.getMasterUrl());
            assertEquals("ops", two.getNamespace());
        } finally {
            if (old == null) {
                System.clearProperty("kubeconfig");
            } else {
                System.setProperty("kubeconfig", old);
            }
        }
    }

    @Test
    void anUnreadableFileSaysWhichWithoutQuotingIt() throws IOException {
        Path bad = write("bad", """
                users:
                - name: u
                  user: {token: [secret-in-a-list]}
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new KubeconfigContexts(List.of(bad), Config::autoConfigure).contexts());
        assertTrue(e.getMessage().startsWith("cannot read kubeconfig " + bad + ": not valid YAML for a kubeconfig"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the parser's message may quote the file: " + e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                files.put(p, Files.readString(p) + Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}

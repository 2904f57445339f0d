package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.flightdeck.model.KubeContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The contexts of the user's kubeconfig, read the way kubectl and fabric8 read it: the files of the {@code kubeconfig}
 * system property or of {@code KUBECONFIG} (separated by the path separator), else {@code ~/.kube/config}; for each
 * name the first file that defines it wins, and the first current-context set wins. Listing parses the files only; it
 * runs no credential plugin and keeps no secret. {@link #config} builds the fabric8 {@link Config} of one context
 * through fabric8, which runs exec credential plugins; call it off the FX thread. Flightdeck never writes a
 * kubeconfig. Stateless apart from its file list; any thread.
 */
public final class KubeconfigContexts {

    /** Builds fabric8's configuration of one named context; fabric8's {@code Config::autoConfigure} by default. */
    @FunctionalInterface
    public interface ConfigLoader {
        Config load(String context);
    }

    private final List<Path> files;
    private final ConfigLoader loader;

    public KubeconfigContexts(List<Path> files, ConfigLoader loader) {
        this.files = List.copyOf(files);
        this.loader = Objects.requireNonNull(loader);
    }

    /** The kubeconfig of this process, as fabric8 finds it (system property, KUBECONFIG, home directory). */
    public static KubeconfigContexts fromSystem() {
        List<Path> paths = Config.getKubeconfigFilenames().stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        return new KubeconfigContexts(paths, Config::autoConfigure);
    }

    /** One kubeconfig file, whatever the environment says. */
    public static KubeconfigContexts forFile(Path file) {
        return new KubeconfigContexts(List.of(file), context -> Config.fromKubeconfig(context, file.toFile()));
    }

    /** The files in the order they are read, whether or not they exist. */
    public List<Path> files() {
        return files;
    }

    /** Whether any of the files exists. */
    public boolean exists() {
        return files.stream().anyMatch(Files::isRegularFile);
    }

    /**
     * The contexts, sorted by name.
     *
     * @throws IllegalStateException when a file exists but cannot be read or parsed
     */
    public List<KubeContext> contexts() {
        Merged merged = merge();
        List<KubeContext> result = new ArrayList<>();
        for (NamedContext nc : merged.contexts.values()) {
            Context c = nc.getContext() == null ? new Context() : nc.getContext();
            String clusterName = Objects.toString(c.getCluster(), "");
            Cluster cluster = merged.clusters.get(clusterName);
            String userName = Objects.toString(c.getUser(), "");
            String namespace = c.getNamespace() == null || c.getNamespace().isBlank() ? "default" : c.getNamespace();
            result.add(new KubeContext(nc.getName(), clusterName,
                    cluster == null ? "" : Objects.toString(cluster.getServer(), ""), namespace, userName,
                    credentials(merged.users.get(userName)),
                    cluster != null && Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify()),
                    nc.getName().equals(merged.current)));
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(result);
    }

    /** The current-context, when the kubeconfig sets one that exists. */
    public Optional<String> currentContext() {
        Merged merged = merge();
        return Optional.ofNullable(merged.current).filter(merged.contexts::containsKey);
    }

    /**
     * fabric8's configuration for the named context, with its credentials (an exec plugin runs now). The returned
     * object is new on every call; a {@link ClusterSession} takes ownership of it.
     *
     * @throws IllegalArgumentException when the kubeconfig has no such context
     */
    public Config config(String context) {
        Merged merged = merge();
        if (!merged.contexts.containsKey(context)) {
            throw new IllegalArgumentException("context '" + context + "' not found in kubeconfig " + describe()
                    + (merged.contexts.isEmpty() ? "; it has no contexts"
                    : "; available contexts: " + String.join(", ", merged.contexts.keySet().stream().sorted()
                    .toList())));
        }
        Config config = loader.load(context);
        NamedContext loaded = config.getCurrentContext();
        if (loaded == null || !context.equals(loaded.getName())) {
            throw new IllegalStateException("fabric8 did not load context '" + context + "' from " + describe());
        }
        return config;
    }

    /** The file list as one would type it into KUBECONFIG. */
    public String describe() {
        return String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
    }

    /** How a user authenticates, in a few words and without the secret. */
    static String credentials(AuthInfo user) {
        if (user == null) {
            return "none";
        }
        if (user.getExec() != null) {
            String command = Objects.toString(user.getExec().getCommand(), "");
            return "exec: " + Path.of(command.isBlank() ? "?" : command).getFileName();
        }
        if (user.getAuthProvider() != null) {
            return "auth provider: " + user.getAuthProvider().getName();
        }
        if (notBlank(user.getToken()) || notBlank(user.getTokenFile())) {
            return "token";
        }
        if (notBlank(user.getClientCertificate()) || notBlank(user.getClientCertificateData())) {
            return "client certificate";
        }
        if (notBlank(user.getUsername())) {
            return "basic auth";
        }
        return "none";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private Merged merge() {
        Merged merged = new Merged();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            io.fabric8.kubernetes.api.model.Config parsed;
            try {
                parsed = KubeConfigUtils.parseConfig(file.toFile());
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot read kubeconfig " + file + ": " + why(e));
            }
            if (parsed == null) {
                continue;
            }
            if (merged.current == null && notBlank(parsed.getCurrentContext())) {
                merged.current = parsed.getCurrentContext();
            }
            for (NamedContext c : nonNull(parsed.getContexts())) {
                if (c.getName() != null) {
                    merged.contexts.putIfAbsent(c.getName(), c);
                }
            }
            for (NamedCluster c : nonNull(parsed.getClusters())) {
                if (c.getName() != null && c.getCluster() != null) {
                    merged.clusters.putIfAbsent(c.getName(), c.getCluster());
                }
            }
            for (NamedAuthInfo u : nonNull(parsed.getUsers())) {
                if (u.getName() != null && u.getUser() != null) {
                    merged.users.putIfAbsent(u.getName(), u.getUser());
                }
            }
        }
        return merged;
    }

    /**
     * Why a kubeconfig could not be parsed, without the parser's message: that may quote a value of the file, and
     * the file holds tokens.
     */
    private static String why(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof JacksonException j) {
                TokenStreamLocation at = j.getLocation();
                return "not valid YAML for a kubeconfig" + (at == null || at.getLineNr() < 1 ? ""
                        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
            }
            if (c instanceof IOException io) {
                return io.getClass().getSimpleName() + " " + Objects.toString(io.getMessage(), "");
            }
        }
        return e.getClass().getSimpleName();
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static final class Merged {
        String current;
        final Map<String, NamedContext> contexts = new LinkedHashMap<>();
        final Map<String, Cluster> clusters = new LinkedHashMap<>();
        final Map<String, AuthInfo> users = new LinkedHashMap<>();
    }
}

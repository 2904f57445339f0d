package io.flightdeck.app;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Decides which cluster the GUI opens on, from the command line and the environment, the way kubectl finds its
 * kubeconfig: the {@code kubeconfig} system property, else {@code KUBECONFIG}, else {@code ~/.kube/config}.
 * {@code --sandbox}, or no kubeconfig at all, means the built-in sandbox; {@code --context NAME} must name a context
 * of the kubeconfig. Called once on the main thread before the window opens.
 */
public final class ClusterChooser {

    /** Reads the kubeconfig for a context, or for the current context when given {@code null}. */
    @FunctionalInterface
    public interface KubeconfigLoader {
        Config load(String contextOrNull);
    }

    /** The parts of the process environment the choice depends on; tests pass their own. */
    public record Environment(UnaryOperator<String> env, UnaryOperator<String> property, Path home) {

        public static Environment system() {
            return new Environment(System::getenv, System::getProperty, Path.of(System.getProperty("user.home")));
        }
    }

    private final Environment environment;
    private final KubeconfigLoader loader;

    public ClusterChooser(Environment environment, KubeconfigLoader loader) {
        this.environment = Objects.requireNonNull(environment);
        this.loader = Objects.requireNonNull(loader);
    }

    /** The chooser of the real application: this process's environment, read by fabric8's autoConfigure. */
    public static ClusterChooser fromSystem() {
        return new ClusterChooser(Environment.system(), Config::autoConfigure);
    }

    /**
     * Decides the cluster.
     *
     * @throws UsageException when {@code --context} names no context of the kubeconfig, or no kubeconfig exists for
     *                        it, or the kubeconfig cannot be read
     */
    public ClusterChoice choose(LaunchOptions options) throws UsageException {
        if (options.sandbox()) {
            return sandbox(options, "chosen with --sandbox");
        }
        List<Path> files = kubeconfigFiles();
        List<Path> existing = files.stream().filter(Files::isRegularFile).toList();
        String where = describe(files);
        if (existing.isEmpty()) {
            if (options.context().isPresent()) {
                throw new UsageException("context '" + options.context().get()
                        + "' cannot be used: no kubeconfig found at " + where);
            }
            return sandbox(options, "no kubeconfig found at " + where);
        }
        Config current = load(null, where);
        List<String> names = contextNames(current);
        if (options.context().isPresent()) {
            String wanted = options.context().get();
            if (!names.contains(wanted)) {
                throw new UsageException("context '" + wanted + "' not found in kubeconfig " + where + "; "
                        + available(names));
            }
            return onContext(load(wanted, where), wanted, options, "chosen with --context from kubeconfig " + where);
        }
        NamedContext currentContext = current.getCurrentContext();
        if (currentContext == null || currentContext.getName() == null) {
            return sandbox(options, "kubeconfig " + where + " sets no current-context (" + available(names)
                    + "; pass --context NAME to use one)");
        }
        return onContext(current, currentContext.getName(), options, "current context of kubeconfig " + where);
    }

    /** The kubeconfig paths in the order kubectl and fabric8 read them, whether or not they exist. */
    List<Path> kubeconfigFiles() {
        String configured = environment.property().apply("kubeconfig");
        if (configured == null || configured.isBlank()) {
            configured = environment.env().apply("KUBECONFIG");
        }
        if (configured == null || configured.isBlank()) {
            return List.of(environment.home().resolve(".kube").resolve("config"));
        }
        return Arrays.stream(configured.split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
    }

    private Config load(String context, String where) throws UsageException {
        try {
            return loader.load(context);
        } catch (RuntimeException e) {
            throw new UsageException("cannot read kubeconfig " + where + ": " + e.getMessage()
                    + " (pass --sandbox to use the built-in sandbox)");
        }
    }

    private static ClusterChoice onContext(Config config, String name, LaunchOptions options, String reason) {
        String url = config.getMasterUrl() == null ? "" : config.getMasterUrl();
        if (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        Optional<String> namespace = options.namespace().or(() -> Optional.ofNullable(config.getNamespace()));
        return new ClusterChoice(ClusterTarget.context(name, url), namespace, reason);
    }

    private static ClusterChoice sandbox(LaunchOptions options, String reason) {
        return new ClusterChoice(ClusterTarget.sandbox(), options.namespace(), reason);
    }

    private static List<String> contextNames(Config config) {
        return config.getContexts() == null ? List.of()
                : config.getContexts().stream().map(NamedContext::getName).filter(Objects::nonNull).toList();
    }

    private static String available(List<String> names) {
        return names.isEmpty() ? "it has no contexts" : "available contexts: " + String.join(", ", names);
    }

    private String describe(List<Path> files) {
        String paths = String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
        String configured = environment.property().apply("kubeconfig");
        if (configured != null && !configured.isBlank()) {
            return paths + " (from -Dkubeconfig)";
        }
        configured = environment.env().apply("KUBECONFIG");
        return configured != null && !configured.isBlank() ? paths + " (from KUBECONFIG)" : paths;
    }
}

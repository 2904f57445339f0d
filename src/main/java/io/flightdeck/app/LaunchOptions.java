package io.flightdeck.app;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The options that open the GUI: {@code [--sandbox | --context NAME] [--namespace NS] [--prometheus URL]
 * [--forward-port N] [--help]}. Immutable; parsed on the main thread by {@link #parse}.
 *
 * @param sandbox   {@code --sandbox}: use the built-in sandbox even when a kubeconfig exists
 * @param context   {@code --context NAME}: the kubeconfig context to use instead of the current one
 * @param namespace {@code --namespace NS}: the namespace to show instead of the context's default
 * @param help      {@code --help} or {@code -h}
 * @param prometheus  {@code --prometheus URL}: the Prometheus (or Thanos, Mimir) the tiles and gates query
 * @param forwardPort {@code --forward-port N}: the loopback port of the Fluentd forward receiver; empty for the
 *                    default (24224, or any free port when that one is taken)
 * @param wall        {@code --wall}: open the full-screen, read-only wall once the cluster is open
 */
public record LaunchOptions(boolean sandbox, Optional<String> context, Optional<String> namespace, boolean help,
                            Optional<String> prometheus, OptionalInt forwardPort, boolean wall) {

    public static final LaunchOptions NONE = new LaunchOptions(false, Optional.empty(), Optional.empty(), false);

    public LaunchOptions(boolean sandbox, Optional<String> context, Optional<String> namespace, boolean help) {
        this(sandbox, context, namespace, help, Optional.empty(), OptionalInt.empty(), false);
    }

    /** Reads the GUI options; {@code --name=value} is accepted as well as {@code --name value}. */
    public static LaunchOptions parse(String... args) throws UsageException {
        boolean sandbox = false;
        boolean help = false;
        boolean wall = false;
        String context = null;
        String namespace = null;
        String prometheus = null;
        Integer forwardPort = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--sandbox" -> sandbox = noValue(name, inlineValue);
                case "--help", "-h" -> help = noValue(name, inlineValue);
                case "--wall" -> wall = noValue(name, inlineValue);
                case "--context" -> {
                    context = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    requireNonBlank(name, context);
                }
                case "--namespace", "-n" -> {
                    namespace = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    requireNonBlank(name, namespace);
                }
                case "--prometheus" -> {
                    prometheus = inlineValue != null ? inlineValue : valueAfter(args, i++, name);
                    requireHttpUrl(name, prometheus);
                }
                case "--forward-port" -> forwardPort = port(name, inlineValue != null ? inlineValue
                        : valueAfter(args, i++, name));
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + arg + "'"
                        : "unknown command '" + arg + "'");
            }
        }
        if (sandbox && context != null) {
            throw new UsageException("--sandbox and --context cannot be used together");
        }
        return new LaunchOptions(sandbox, Optional.ofNullable(context), Optional.ofNullable(namespace), help,
                Optional.ofNullable(prometheus), forwardPort == null ? OptionalInt.empty() : OptionalInt.of(forwardPort),
                wall);
    }

    private static boolean noValue(String name, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static String valueAfter(String[] args, int i, String name) throws UsageException {
        if (i + 1 >= args.length || args[i + 1].startsWith("-")) {
            throw new UsageException(name + " needs a value");
        }
        return args[i + 1];
    }

    private static void requireNonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
    }

    private static void requireHttpUrl(String name, String value) throws UsageException {
        requireNonBlank(name, value);
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " needs an http:// or https:// URL, e.g. http://localhost:9090; got '"
                    + value + "'");
        }
    }

    private static int port(String name, String value) throws UsageException {
        try {
            int p = Integer.parseInt(value);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a port number from 0 to 65535 (0: any free port); got '"
                    + value + "'");
        }
    }
}

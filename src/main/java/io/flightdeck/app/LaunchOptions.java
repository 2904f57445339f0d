package io.flightdeck.app;

import java.util.Optional;

/**
 * The options that open the GUI: {@code [--sandbox | --context NAME] [--namespace NS] [--help]}. Immutable; parsed
 * on the main thread by {@link #parse}.
 *
 * @param sandbox   {@code --sandbox}: use the built-in sandbox even when a kubeconfig exists
 * @param context   {@code --context NAME}: the kubeconfig context to use instead of the current one
 * @param namespace {@code --namespace NS}: the namespace to show instead of the context's default
 * @param help      {@code --help} or {@code -h}
 * @param wall      {@code --wall}: open the full-screen, read-only wall once the cluster is open
 */
public record LaunchOptions(boolean sandbox, Optional<String> context, Optional<String> namespace, boolean help,
                            boolean wall) {

    public static final LaunchOptions NONE = new LaunchOptions(false, Optional.empty(), Optional.empty(), false,
            false);

    /** Reads the GUI options; {@code --name=value} is accepted as well as {@code --name value}. */
    public static LaunchOptions parse(String... args) throws UsageException {
        boolean sandbox = false;
        boolean help = false;
        boolean wall = false;
        String context = null;
        String namespace = null;
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
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option '" + arg + "'"
                        : "unknown command '" + arg + "'");
            }
        }
        if (sandbox && context != null) {
            throw new UsageException("--sandbox and --context cannot be used together");
        }
        return new LaunchOptions(sandbox, Optional.ofNullable(context), Optional.ofNullable(namespace), help, wall);
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
}

package io.flightdeck.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code main} class. It reads the command line on the main thread and either runs a subcommand from
 * {@link Commands} or opens the window on the cluster that {@link ClusterChooser} picks. It does not extend
 * {@code Application}, so that the shaded jar starts with JavaFX on the class path. Exit codes: 0 ok, 1 failure,
 * 2 usage error.
 */
public final class Launcher {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final String PROGRAM = "flightdeck";

    /** Opens the window and returns when it is closed. */
    @FunctionalInterface
    public interface Gui {
        void open(ClusterChoice choice) throws Exception;

        /** Opens with the rest of the options (Prometheus, forward port) as well. */
        default void open(ClusterChoice choice, LaunchOptions options) throws Exception {
            open(choice);
        }
    }

    private final Commands commands;
    private final ClusterChooser chooser;
    private final Gui gui;
    private final PrintStream out;
    private final PrintStream err;

    public Launcher(Commands commands, ClusterChooser chooser, Gui gui, PrintStream out, PrintStream err) {
        this.commands = Objects.requireNonNull(commands);
        this.chooser = Objects.requireNonNull(chooser);
        this.gui = Objects.requireNonNull(gui);
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    public static void main(String[] args) {
        Gui gui = new Gui() {
            @Override
            public void open(ClusterChoice choice) {
                open(choice, LaunchOptions.NONE);
            }

            @Override
            public void open(ClusterChoice choice, LaunchOptions options) {
                FlightdeckApp.launch(AppContext.create(choice, SignalSettings.of(options)));
            }
        };
        int code = new Launcher(Commands.standard(), ClusterChooser.fromSystem(), gui, System.out, System.err)
                .run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code. */
    public int run(String... args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            return runCommand(args[0], Arrays.copyOfRange(args, 1, args.length));
        }
        try {
            LaunchOptions options = LaunchOptions.parse(args);
            if (options.help()) {
                out.print(usage());
                return OK;
            }
            ClusterChoice choice = chooser.choose(options);
            WallMode.requestAtStart(options.wall());
            gui.open(choice, options);
            return OK;
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (Exception e) {
            err.println(PROGRAM + ": " + e);
            return FAILED;
        }
    }

    private int runCommand(String name, String[] rest) {
        if (name.equals("help")) {
            out.print(usage());
            return OK;
        }
        Optional<Commands.Entry> entry = commands.find(name);
        if (entry.isEmpty()) {
            return usageError("unknown command '" + name + "'; commands: " + String.join(", ",
                    commands.all().stream().map(Commands.Entry::name).toList()));
        }
        try {
            return entry.get().command().run(rest);
        } catch (UsageException e) {
            err.println(PROGRAM + " " + name + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println(PROGRAM + " " + name + ": " + e);
            return FAILED;
        }
    }

    private int usageError(String message) {
        err.println(PROGRAM + ": " + message);
        err.println("Run '" + PROGRAM + " --help' for usage.");
        return USAGE;
    }

    /** The text of {@code --help}. */
    public String usage() {
        StringBuilder text = new StringBuilder();
        text.append("""
                Usage: flightdeck [--sandbox | --context NAME] [--namespace NS] [--prometheus URL]
                                  [--forward-port N] [--wall]
                       flightdeck COMMAND [ARGS...]

                Flightdeck is a release cockpit for Kubernetes. Without a command it opens its window on the
                current context of your kubeconfig (KUBECONFIG, else ~/.kube/config), or on the built-in
                sandbox cluster when there is no kubeconfig.

                Options:
                  --sandbox             open on the built-in sandbox even when a kubeconfig exists
                  --context NAME        open on the kubeconfig context NAME instead of the current one
                  -n, --namespace NS    show the namespace NS first
                  --prometheus URL      query this Prometheus (or Thanos, Mimir) for the tiles and release
                                        gates; without it the sandbox's own Prometheus or its metrics
                                        endpoint serves, and on a real cluster the pods are scraped
                                        through the API server's pod proxy
                  --forward-port N      receive Fluentd forward logs on 127.0.0.1:N (default 24224, or any
                                        free port when 24224 is taken; 0: any free port)
                  --wall                open the full-screen, read-only wall (F11 or Ctrl+Shift+W toggles it)
                  -h, --help            print this help and exit

                Commands:
                """);
        for (Commands.Entry entry : commands.all()) {
            text.append("  ").append(entry.synopsis()).append('\n');
            text.append("      ").append(entry.summary()).append('\n');
        }
        text.append("""
                  help
                      print this help and exit

                Exit codes: 0 ok, 1 failure, 2 usage error.
                """);
        return text.toString();
    }
}

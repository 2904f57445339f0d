package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.release.EngineSettings;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table of subcommands that {@link Launcher} dispatches to, in the order {@code --help} lists them. Built once on
 * the main thread before the command line is read; not thread-safe.
 */
public final class Commands {

    /** One registered subcommand: how {@code --help} shows it, and what runs it. */
    public record Entry(String name, String synopsis, String summary, Command command) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The subcommands of the real application. */
    public static Commands standard() {
        Commands commands = new Commands().register("sandbox",
                "sandbox [--port N] [--write-kubeconfig PATH] ...",
                "run the built-in sandbox Kubernetes API server without the GUI; prints a line with 'ready' once it"
                        + " serves",
                args -> SandboxCommand.run(args, System.out, System.err));
        ReleaseCommand.register(commands, new ReleaseCommand(System.out, System.err, Config::autoConfigure,
                EngineSettings.defaults()));
        return ReportCommand.register(commands, new ReportCommand(System.out, System.err, Config::autoConfigure,
                EngineSettings.defaults()));
    }

    /** Adds or replaces the subcommand {@code name}. */
    public Commands register(String name, String synopsis, String summary, Command command) {
        if (name.isBlank() || name.startsWith("-")) {
            throw new IllegalArgumentException("a subcommand name must not be blank or start with '-': " + name);
        }
        entries.put(name, new Entry(name, synopsis, summary, command));
        return this;
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Collection<Entry> all() {
        return Collections.unmodifiableCollection(entries.values());
    }

}

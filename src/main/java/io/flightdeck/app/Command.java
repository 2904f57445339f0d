package io.flightdeck.app;

/**
 * A subcommand of the {@code flightdeck} command line, such as {@code sandbox}. It runs on the main thread, gets the
 * arguments that follow its name, and returns the process exit code (0 ok, 2 usage error, anything else a failure).
 */
@FunctionalInterface
public interface Command {

    int run(String[] args) throws Exception;
}

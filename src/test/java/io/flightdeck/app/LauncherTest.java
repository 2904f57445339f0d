package io.flightdeck.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<ClusterChoice> opened = new ArrayList<>();
    private final List<String[]> sandboxRuns = new ArrayList<>();

    private Launcher launcher() {
        Commands commands = Commands.standard().register("sandbox", "sandbox [--port N]", "runs the sandbox", args -> {
            sandboxRuns.add(args);
            if (args.length > 0 && args[0].equals("--bad")) {
                throw new UsageException("unknown option '--bad'");
            }
            return 0;
        });
        ClusterChooser chooser = new ClusterChooser(
                new ClusterChooser.Environment(Map.<String, String>of()::get, name -> null, home),
                context -> { throw new AssertionError("no kubeconfig exists, so none is read"); });
        return new Launcher(commands, chooser, opened::add, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsCommandsAndOptionsAndExitsZero() {
        assertEquals(0, launcher().run("--help"));
        assertTrue(out().contains("sandbox [--port N]"), out());
        for (String option : List.of("--sandbox", "--context NAME", "--namespace NS", "--help")) {
            assertTrue(out().contains(option), option + " in " + out());
        }
        assertTrue(opened.isEmpty());
        assertEquals(0, launcher().run("help"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, launcher().run("deploy", "x"));
        assertTrue(err().contains("unknown command 'deploy'"), err());
        assertTrue(err().contains("commands: sandbox"), err());
        assertTrue(opened.isEmpty());
    }

    @Test
    void unknownOptionAndMissingValueAreUsageErrors() {
        assertEquals(2, launcher().run("--frobnicate"));
        assertTrue(err().contains("unknown option '--frobnicate'"), err());
        assertEquals(2, launcher().run("--context"));
        assertTrue(err().contains("--context needs a value"), err());
        assertEquals(2, launcher().run("--sandbox", "--context", "prod"));
        assertTrue(opened.isEmpty());
    }

    @Test
    void subcommandGetsTheRestOfTheArguments() {
        assertEquals(0, launcher().run("sandbox", "--port", "6443"));
        assertArrayEquals(new String[] {"--port", "6443"}, sandboxRuns.getFirst());
        assertEquals(2, launcher().run("sandbox", "--bad"));
        assertTrue(err().contains("flightdeck sandbox: unknown option '--bad'"), err());
        assertTrue(opened.isEmpty());
    }

    @Test
    void noArgumentsOpenTheWindowOnTheSandboxWhenThereIsNoKubeconfig() {
        assertEquals(0, launcher().run());
        assertEquals(1, opened.size());
        assertTrue(opened.getFirst().target().isSandbox());
    }

    @Test
    void missingContextIsAUsageErrorAndOpensNothing() {
        assertEquals(2, launcher().run("--context", "prod"));
        assertTrue(err().contains("context 'prod' cannot be used: no kubeconfig found"), err());
        assertTrue(opened.isEmpty());
    }
}

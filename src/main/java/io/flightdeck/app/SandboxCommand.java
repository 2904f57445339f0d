package io.flightdeck.app;

import io.flightdeck.sandbox.SandboxCluster;
import io.flightdeck.sandbox.SandboxOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code flightdeck sandbox [options]}: runs only the sandbox cluster until killed, optionally writes a kubeconfig for
 * it, and prints a line containing "ready" once it serves. Options set the port, the clock's speed, the shop seed,
 * RBAC deny rules and injected faults. Runs on the main thread, which then waits for the process to be stopped.
 */
public final class SandboxCommand {

    static final String USAGE = """
            usage: flightdeck sandbox [options]
              --port N                   listen on 127.0.0.1:N (default: a free port)
              --write-kubeconfig PATH    write a kubeconfig with context "flightdeck-sandbox" to PATH
              --speed X                  run the simulated clock X times faster (default 1)
              --no-shop                  start empty, without the seeded shop namespace
              --deny VERB:RESOURCE[:NS]  forbid a verb (e.g. list:pods:payments, *:*:kube-system); repeatable
              --fail-requests F[:CODE]   fail a fraction F of requests with 500 (default) or 429
              --delay-ms N               delay every response by N ms
              --watch-history N          changes kept for resuming watches (older ones get 410)
              --metrics-port N           serve the pods' request metrics on 127.0.0.1:N (default: a free port)
              --write-prometheus-config PATH  write a Prometheus scrape config for those metrics to PATH
              --forward-to HOST:PORT     send the pods' logs there with the Fluentd forward protocol
              --drop-watches-every S     end every open watch every S seconds (clients must resume)
              --expire-history-every S   forget the watch history every S seconds (resumes get 410)
            """;

    private SandboxCommand() {
    }

    /** Parses options; returns the exit code (2 for a usage error). Blocks until the process is stopped. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SandboxOptions options = SandboxOptions.defaults();
        Path kubeconfig = null;
        Path promConfig = null;
        List<String> denies = new ArrayList<>();
        double failFraction = 0;
        int failCode = 500;
        long delay = 0;
        long dropEvery = 0;
        long expireEvery = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, a)));
                    case "--write-kubeconfig" -> kubeconfig = Path.of(value(args, ++i, a));
                    case "--speed" -> options = options.withSpeed(Double.parseDouble(value(args, ++i, a)));
                    case "--no-shop" -> options = options.withShop(false);
                    case "--deny" -> denies.add(value(args, ++i, a));
                    case "--fail-requests" -> {
                        String[] p = value(args, ++i, a).split(":");
                        failFraction = Double.parseDouble(p[0]);
                        failCode = p.length > 1 ? Integer.parseInt(p[1]) : 500;
                    }
                    case "--delay-ms" -> delay = Long.parseLong(value(args, ++i, a));
                    case "--drop-watches-every" -> dropEvery = Long.parseLong(value(args, ++i, a));
                    case "--expire-history-every" -> expireEvery = Long.parseLong(value(args, ++i, a));
                    case "--metrics-port" -> options = options.withMetricsPort(Integer.parseInt(value(args, ++i, a)));
                    case "--forward-to" -> options = options.withForwardTo(value(args, ++i, a));
                    case "--write-prometheus-config" -> promConfig = Path.of(value(args, ++i, a));
                    case "--watch-history" -> options = options.withWatchHistory(Integer.parseInt(value(args, ++i, a)));
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (options.speed() <= 0) {
                throw new IllegalArgumentException("--speed must be greater than 0");
            }
        } catch (IllegalArgumentException e) {
            err.println("flightdeck sandbox: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        SandboxCluster cluster;
        try {
            cluster = SandboxCluster.start(options);
            for (String d : denies) {
                cluster.server().rbac().deny(d);
            }
            cluster.server().faults().failRequests(failFraction, failCode);
            cluster.server().faults().delayResponses(delay);
            if (kubeconfig != null) {
                cluster.writeKubeconfig(kubeconfig);
            }
            if (promConfig != null) {
                java.nio.file.Files.writeString(promConfig, io.flightdeck.sandbox.sim.SandboxPrometheus.scrapeConfig(
                        java.net.URI.create(cluster.metricsUrl()).getAuthority(), 2));
            }
        } catch (Exception e) {
            err.println("flightdeck sandbox: could not start: " + e.getMessage());
            return 1;
        }
        var faults = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-fault-injector");
            t.setDaemon(true);
            return t;
        });
        if (dropEvery > 0) {
            faults.scheduleAtFixedRate(() -> cluster.store().dropWatches(), dropEvery, dropEvery,
                    java.util.concurrent.TimeUnit.SECONDS);
        }
        if (expireEvery > 0) {
            faults.scheduleAtFixedRate(() -> cluster.store().expireWatchHistory(), expireEvery, expireEvery,
                    java.util.concurrent.TimeUnit.SECONDS);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            faults.shutdownNow();
            cluster.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        out.println("Flightdeck sandbox ready at " + cluster.masterUrl()
                + (kubeconfig == null ? "" : " (kubeconfig: " + kubeconfig.toAbsolutePath() + ", context "
                + SandboxCluster.KUBECONFIG_CONTEXT + ")"));
        out.println("Pod metrics for Prometheus at " + cluster.metricsUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

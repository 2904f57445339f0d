package io.flightdeck.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseSummary;
import io.flightdeck.release.EngineSettings;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.report.ReportFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code report}: exports one release from its journal in the cluster as a self-contained HTML page and/or JSON
 * ({@code --html FILE}, {@code --json FILE}; neither: JSON on standard output). The release is named by id, or is the
 * newest release of a Deployment. Runs on the main thread; 0 on success, 1 with a message on failure, a bad command
 * line is a {@link UsageException}.
 */
public final class ReportCommand {

    static final String SYNOPSIS = "report --release ID|--deployment D " + ReleaseCommand.COMMON
            + " [--html FILE] [--json FILE]";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, Config> kubeconfig;
    private final EngineSettings settings;

    public ReportCommand(PrintStream out, PrintStream err, Function<String, Config> kubeconfig,
                         EngineSettings settings) {
        this.out = out;
        this.err = err;
        this.kubeconfig = kubeconfig;
        this.settings = settings;
    }

    public static Commands register(Commands commands, ReportCommand c) {
        return commands.register("report", SYNOPSIS,
                "export a release's timeline (plan, steps, actions, gate measurements, outcome) as one HTML file"
                        + " and/or JSON", c::report);
    }

    public int report(String[] args) throws UsageException {
        ReleaseOptions o = ReleaseOptions.parse(args, Set.of("--context", "--namespace", "--release", "--deployment",
                "--html", "--json"), Set.of());
        String release = o.get("--release");
        String deployment = o.get("--deployment");
        if ((release == null) == (deployment == null)) {
            throw new UsageException("report needs either --release ID or --deployment D");
        }
        try (ReleaseSession s = ReleaseSession.open(o.get("--context"), kubeconfig, 1, settings)) {
            String ns = o.get("--namespace") != null ? o.get("--namespace") : s.defaultNamespace();
            if (release == null) {
                List<ReleaseSummary> of = s.engine().releases(ns).stream()
                        .filter(r -> r.target().name().equals(deployment)).toList();
                if (of.isEmpty()) {
                    err.println("flightdeck report: no release of " + deployment + " in " + ns);
                    return 1;
                }
                release = of.get(of.size() - 1).id();
            }
            ReleaseSnapshot snapshot;
            ReleaseHandle h = s.engine().observe(ns, release);
            try {
                snapshot = h.snapshot();
            } finally {
                h.close();
            }
            if (o.get("--html") == null && o.get("--json") == null) {
                out.print(ReportFiles.render(snapshot, ReportFiles.Format.JSON));
                return 0;
            }
            if (o.get("--html") != null) {
                Path p = Path.of(o.get("--html"));
                ReportFiles.write(snapshot, p, ReportFiles.Format.HTML);
                out.println("report of release " + release + " written to " + p + " (HTML)");
            }
            if (o.get("--json") != null) {
                Path p = Path.of(o.get("--json"));
                ReportFiles.write(snapshot, p, ReportFiles.Format.JSON);
                out.println("report of release " + release + " written to " + p + " (JSON)");
            }
            return 0;
        } catch (IOException e) {
            err.println("flightdeck report: cannot write the report: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | KubernetesClientException e) {
            String m = e instanceof KubernetesClientException k && k.getStatus() != null
                    && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : e.getMessage();
            err.println("flightdeck report: " + (m == null ? e.toString() : m));
            return 1;
        }
    }
}

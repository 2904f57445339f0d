package io.flightdeck.ui.wall;

import io.flightdeck.model.ConnectionStatus;
import io.flightdeck.model.Health;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.WorkloadSnapshot;
import io.flightdeck.report.GateMeasurement;
import io.flightdeck.ui.wall.WallPage.Tone;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the feed's releases, the cluster's Deployments and its connection into the wall's page: which release to
 * show (a release with an alarm stays on screen; otherwise one after another, {@link #CYCLE} each), its banner,
 * step strip, weight, gates and versions; the services' health when nothing is in flight; and whether the data is
 * stale, with its age. Pure functions of their arguments; called on the FX thread and by tests.
 */
public final class WallPages {

    /** How long each release stays on screen before the next one. */
    public static final Duration CYCLE = Duration.ofSeconds(10);
    /** Data older than this is marked stale. */
    static final Duration STALE_AFTER = Duration.ofSeconds(3);
    static final int MAX_TILES = 12;

    private final ZoneId zone;
    private final DateTimeFormatter clock;

    public WallPages(ZoneId zone) {
        this.zone = zone;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    public WallPage page(String title, WallFeed.State feed, List<WorkloadSnapshot> workloads,
                         ConnectionStatus connection, Instant now) {
        List<WallFeed.Tracked> releases = feed.releases();
        Optional<Alarm> alarm = releases.stream().map(t -> alarm(t.snapshot())).flatMap(Optional::stream)
                .max(Comparator.comparing(Alarm::time));
        WallFeed.Tracked shown = null;
        String pager = "";
        if (!releases.isEmpty()) {
            int index = (int) ((now.getEpochSecond() / CYCLE.toSeconds()) % releases.size());
            if (alarm.isPresent()) {
                for (int i = 0; i < releases.size(); i++) {
                    if (releases.get(i).snapshot().id().equals(alarm.get().releaseId())) {
                        index = i;
                    }
                }
            }
            shown = releases.get(index);
            pager = releases.size() == 1 ? "1 release on the wall"
                    : "release " + (index + 1) + " of " + releases.size()
                    + (alarm.isPresent() ? " · held on the alarm" : " · next in "
                    + (CYCLE.toSeconds() - now.getEpochSecond() % CYCLE.toSeconds()) + " s");
        }
        String[] status = status(feed, connection, now);
        List<WallPage.ServiceTile> tiles = new ArrayList<>();
        String note = "";
        if (shown == null) {
            List<WorkloadSnapshot> sorted = new ArrayList<>(workloads);
            sorted.sort(Comparator.comparing((WorkloadSnapshot w) -> w.health() == Health.HEALTHY)
                    .thenComparing(w -> w.key().namespace()).thenComparing(w -> w.key().name()));
            for (WorkloadSnapshot w : sorted.subList(0, Math.min(MAX_TILES, sorted.size()))) {
                tiles.add(new WallPage.ServiceTile(w.key().name(), w.key().namespace(), w.health(),
                        w.ready() + "/" + w.desired() + " ready", w.imageTag() == null ? "" : w.imageTag(),
                        w.message() == null ? "" : w.message()));
            }
            long healthy = workloads.stream().filter(w -> w.health() == Health.HEALTHY).count();
            note = "No release in flight · " + healthy + " of " + workloads.size() + " services healthy"
                    + (workloads.size() > MAX_TILES ? " · " + (workloads.size() - MAX_TILES) + " more not shown"
                    : "");
        }
        return new WallPage(title, clock.format(now), status[0] != null, status[1],
                alarm.map(a -> banner(a, now)), Optional.ofNullable(shown).map(this::card), pager, tiles, note);
    }

    private String[] status(WallFeed.State feed, ConnectionStatus connection, Instant now) {
        boolean connected = connection == null || connection.state() == ConnectionStatus.State.CONNECTED;
        Instant readAt = feed.readAt();
        boolean old = readAt == null || Duration.between(readAt, now).compareTo(STALE_AFTER) > 0;
        if (connected && !old && feed.problem().isEmpty()) {
            return new String[] {null, "LIVE"};
        }
        StringBuilder b = new StringBuilder("STALE");
        if (readAt != null) {
            b.append(" · data ").append(age(Duration.between(readAt, now))).append(" old");
        } else {
            b.append(" · no data yet");
        }
        if (!connected) {
            b.append(" · ").append(connection.state().name().toLowerCase(Locale.ROOT));
            if (connection.since() != null) {
                b.append(" since ").append(clock.format(connection.since()));
            }
            if (connection.detail() != null && !connection.detail().isBlank()) {
                b.append(": ").append(connection.detail());
            }
        } else if (!feed.problem().isEmpty()) {
            b.append(": ").append(feed.problem());
        }
        return new String[] {"stale", b.toString()};
    }

    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    /** A failed gate, an abort or a rollback in a release's events; an abort wins over what caused it. */
    record Alarm(String releaseId, String kind, String target, String what, Instant time, String who) {
    }

    static Optional<Alarm> alarm(ReleaseSnapshot s) {
        ReleaseEvent abort = null;
        ReleaseEvent gate = null;
        ReleaseEvent rollback = null;
        for (ReleaseEvent e : s.events()) {
            switch (e.action()) {
                case "abort" -> abort = "started".equals(e.outcome()) ? e : abort;
                case "analysis", GateMeasurement.BACKGROUND -> gate = "failed".equals(e.outcome()) ? e : gate;
                case "rollback" -> rollback = e;
                default -> {
                }
            }
        }
        String target = s.plan().target().toString();
        if (abort != null) {
            String by = abort.details().getOrDefault("by", "");
            String who = "operator".equals(by) ? "by " + abort.actor()
                    : "by the engine driven by " + abort.actor() + (gate != null ? ", after the gate failed" : "");
            String what = abort.details().getOrDefault("reason", "aborted");
            if (what.contains(abort.actor().toString())) {
                who = "";
            }
            String at = abort.details().getOrDefault("atStep", "");
            if (!at.isEmpty()) {
                what = what + " (at step " + at + ")";
            }
            String kind = s.phase() == ReleasePhase.ABORTED ? "ABORTED · ROLLED BACK" : "ABORTING · ROLLING BACK";
            return Optional.of(new Alarm(s.id(), kind, target, what, abort.time(), who));
        }
        if (gate != null) {
            return Optional.of(new Alarm(s.id(), "GATE FAILED", target, "analysis '"
                    + gate.details().getOrDefault("analysis", "") + "': " + gate.details().getOrDefault("message", ""),
                    gate.time(), "measured by " + gate.actor()));
        }
        if (rollback != null) {
            Map<String, String> d = rollback.details();
            String from = d.containsKey("fromRevision") ? " from revision " + d.get("fromRevision") : "";
            return Optional.of(new Alarm(s.id(), "ROLLED BACK", target, d.getOrDefault("deployment", "") + from
                    + " to revision " + d.getOrDefault("toRevision", d.getOrDefault("revision", "?")),
                    rollback.time(), "by " + rollback.actor()));
        }
        return Optional.empty();
    }

    private WallPage.Banner banner(Alarm a, Instant now) {
        return new WallPage.Banner(a.kind() + "  " + a.target(), a.what(), "at " + clock.format(a.time()) + " ("
                + age(Duration.between(a.time(), now)) + " ago)", a.who());
    }

    WallPage.ReleaseCard card(WallFeed.Tracked t) {
        ReleaseSnapshot s = t.snapshot();
        List<WallPage.Chip> chips = new ArrayList<>();
        for (int i = 0; i < s.steps().size(); i++) {
            chips.add(new WallPage.Chip((i + 1) + " " + s.steps().get(i).name(), s.steps().get(i).state()));
        }
        String phase = switch (s.phase()) {
            case PROGRESSING -> s.aborting() ? "ROLLING BACK" : "PROGRESSING";
            case PAUSED -> s.error().isEmpty() ? "PAUSED" : "PAUSED ON ERROR";
            case ABORTING -> "ROLLING BACK";
            case SUCCEEDED -> "SUCCEEDED";
            case ABORTED -> "ABORTED";
        };
        Tone tone = switch (s.phase()) {
            case PROGRESSING -> s.aborting() ? Tone.BAD : Tone.BUSY;
            case PAUSED -> s.error().isEmpty() ? Tone.WARN : Tone.BAD;
            case ABORTING, ABORTED -> Tone.BAD;
            case SUCCEEDED -> Tone.OK;
        };
        String stepText = s.phase().terminal() || s.steps().isEmpty() ? ""
                : (s.aborting() ? "abort step " : "step ") + Math.min(s.stepIndex() + 1, s.steps().size()) + " of "
                + s.steps().size();
        // A read-only snapshot's message says who drives; the holder says it once.
        String message = s.message().startsWith("driven by ") ? "" : s.message();
        String detail = String.join(" · ", java.util.stream.Stream.of(stepText, s.error().isEmpty() ? message
                : s.error(), s.holder().isEmpty() ? "" : "driven by " + s.holder()).filter(x -> !x.isBlank()).toList());
        String signalsNote = t.signalsProblem().isEmpty() ? "" : "Traffic signals: " + t.signalsProblem();
        return new WallPage.ReleaseCard(s.id(), s.plan().target().toString(),
                s.plan().strategy().kind().name().replace('_', '/').toLowerCase(Locale.ROOT), change(s), phase, tone,
                chips, s.weight(), gates(s), versions(s, t.signals()), signalsNote, detail);
    }

    private static String change(ReleaseSnapshot s) {
        Map<String, String> images = s.plan().change().images();
        if (images.size() == 1) {
            return "to " + images.values().iterator().next();
        }
        return "to " + s.plan().change();
    }

    /**
     * The plan's analysis steps in order; each analysis event judges the first of its name still waiting, so a
     * template used at two steps shows both (numbered).
     */
    private static List<WallPage.Gate> gates(ReleaseSnapshot s) {
        List<String> names = s.plan().steps().stream().filter(st -> st.kind() == ReleaseStep.Kind.ANALYSIS)
                .map(ReleaseStep::analysis).toList();
        List<WallPage.Gate> gates = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            long same = names.stream().filter(n::equals).count();
            long nth = names.subList(0, i + 1).stream().filter(n::equals).count();
            gates.add(new WallPage.Gate(same > 1 ? n + " (" + nth + ")" : n, Tone.NEUTRAL, "waiting", ""));
        }
        Map<String, String> measuring = new LinkedHashMap<>();
        WallPage.Gate background = null;
        for (ReleaseEvent e : s.events()) {
            String name = e.details().getOrDefault("analysis", "");
            if (GateMeasurement.BACKGROUND.equals(e.action())) {
                background = backgroundGate(background, e);
                continue;
            }
            if (!"analysis".equals(e.action())) {
                continue;
            }
            if ("measured".equals(e.outcome())) {
                measuring.merge(name, latest(e), (a, b) -> b.isEmpty() ? a : b);
                continue;
            }
            int i = firstWaiting(names, gates, name);
            if (i < 0) {
                continue;
            }
            measuring.remove(name);
            boolean passed = "passed".equals(e.outcome());
            gates.set(i, new WallPage.Gate(gates.get(i).name(), passed ? Tone.OK : Tone.BAD,
                    passed ? "passed" : "FAILED", latest(e)));
        }
        if (!s.aborting() && !s.phase().terminal() && s.stepIndex() < s.steps().size()) {
            String current = s.steps().get(s.stepIndex()).name();
            if (current.startsWith("analysis ")) {
                String name = current.substring("analysis ".length());
                int i = firstWaiting(names, gates, name);
                if (i >= 0) {
                    boolean paused = s.phase() == ReleasePhase.PAUSED;
                    gates.set(i, new WallPage.Gate(gates.get(i).name(), paused ? Tone.WARN : Tone.BUSY,
                            paused ? "inconclusive, needs a person" : "measuring", measuring.getOrDefault(name, "")));
                }
            }
        }
        if (background != null) {
            gates.add(background);
        }
        return gates;
    }

    /** The background analysis as one more gate: measuring, passed, failed, inconclusive or stopped. */
    private static WallPage.Gate backgroundGate(WallPage.Gate before, ReleaseEvent e) {
        String name = "background " + e.details().getOrDefault("analysis", "");
        String values = latest(e);
        String kept = before == null ? "" : before.detail();
        return switch (e.outcome()) {
            case "passed" -> new WallPage.Gate(name, Tone.OK, "passed", values.isEmpty() ? kept : values);
            case "failed" -> new WallPage.Gate(name, Tone.BAD, "FAILED", values.isEmpty() ? kept : values);
            case "inconclusive" -> new WallPage.Gate(name, Tone.WARN, "inconclusive", values.isEmpty() ? kept
                    : values);
            case "stopped" -> new WallPage.Gate(name, Tone.NEUTRAL, "stopped", kept);
            default -> new WallPage.Gate(name, Tone.BUSY, "measuring", values.isEmpty() ? kept : values);
        };
    }

    /** The last value of each metric measured in an event, with its pass condition. */
    private static String latest(ReleaseEvent e) {
        Map<String, GateMeasurement> last = new LinkedHashMap<>();
        for (GateMeasurement m : GateMeasurement.of(e)) {
            last.put(m.metric(), m);
        }
        return String.join(" · ", last.values().stream().map(m -> m.metric() + " " + (Double.isNaN(m.value())
                ? "no data" : WallFormat.number(m.value())) + (m.condition().isEmpty() ? ""
                : " (pass: " + m.condition().replace("result ", "") + ")")).toList());
    }

    private static int firstWaiting(List<String> names, List<WallPage.Gate> gates, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name) && gates.get(i).state().equals("waiting")) {
                return i;
            }
        }
        return -1;
    }

    private static List<WallPage.VersionRow> versions(ReleaseSnapshot s, List<VersionSignal> signals) {
        List<WallPage.VersionRow> rows = new ArrayList<>();
        for (ReleaseSnapshot.VersionPods v : s.versions()) {
            VersionSignal sig = signals.stream().filter(x -> x.deployment().equals(v.deployment())).findFirst()
                    .or(() -> signals.stream().filter(x -> x.track().equals(v.track())).findFirst()).orElse(null);
            String tag = v.image().contains(":") ? v.image().substring(v.image().lastIndexOf(':') + 1) : v.image();
            Tone tone = v.ready() < v.desired() ? Tone.WARN : Tone.OK;
            String success = "–";
            if (sig != null && !Double.isNaN(sig.successRate())) {
                success = WallFormat.percent(sig.successRate());
                if (sig.successRate() < 0.99) {
                    tone = Tone.BAD;
                }
            }
            rows.add(new WallPage.VersionRow(v.track().toUpperCase(Locale.ROOT), tag, v.ready() + "/" + v.desired(),
                    sig == null || Double.isNaN(sig.requestRate()) ? "–" : WallFormat.number(sig.requestRate()),
                    success, sig == null || Double.isNaN(sig.p99Seconds()) ? "–"
                    : WallFormat.millis(sig.p99Seconds()), tone));
        }
        return rows;
    }

    ZoneId zone() {
        return zone;
    }
}

package io.flightdeck.app;

import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.release.ReleaseHandle;
import io.flightdeck.release.ReleaseListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows a release on the command line: prints a line whenever its step, phase or message changes, promotes gates
 * when {@code --auto}, aborts on an error when {@code --auto}, and otherwise stops following at the first gate,
 * leaving the release in flight for {@code promote} or {@code abort}. Main thread; snapshots arrive from the engine
 * through a queue.
 */
final class ReleaseFollower {

    /** Exit code of a release left paused at a gate that could not decide (no data). */
    static final int PAUSED_AT_GATE = 3;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean signalGates;

    ReleaseFollower(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    /**
     * @param signalGates whether analysis steps are judged by signals: then {@code --auto} never approves an
     *                    inconclusive gate, it stops following and leaves the release paused for a person
     */
    ReleaseFollower(PrintStream out, PrintStream err, boolean signalGates) {
        this.out = out;
        this.err = err;
        this.signalGates = signalGates;
    }

    /**
     * Follows until the release ends, pauses (without auto), fails or times out; returns the exit code.
     *
     * @param abortIsSuccess whether ABORTED is the goal (the abort command) rather than a failure
     */
    int follow(ReleaseHandle h, boolean auto, Duration timeout, boolean abortIsSuccess) {
        BlockingQueue<ReleaseSnapshot> q = new LinkedBlockingQueue<>();
        ReleaseListener listener = q::add;
        h.addListener(listener);
        long end = System.nanoTime() + timeout.toNanos();
        String last = "";
        int promotedAt = -1;
        String failure = null;
        try {
            while (true) {
                ReleaseSnapshot s = q.poll(200, TimeUnit.MILLISECONDS);
                if (s == null) {
                    s = h.snapshot();
                }
                String line = line(s);
                if (!line.equals(last)) {
                    out.println(line);
                    last = line;
                }
                if (s.phase() == ReleasePhase.SUCCEEDED) {
                    out.print(GateReport.passed(s));
                    out.println("release " + s.id() + " succeeded: the new version serves");
                    return 0;
                }
                if (s.phase() == ReleasePhase.ABORTED) {
                    out.println("release " + s.id() + " aborted: everything is as before");
                    GateReport.failed(s).ifPresent(err::print);
                    if (failure != null) {
                        err.println("flightdeck: the release failed and was rolled back: " + failure);
                    }
                    return abortIsSuccess && failure == null ? 0 : 1;
                }
                if (h.finished().isDone()) {
                    err.println("flightdeck: stopped following release " + s.id() + ": " + s.message());
                    return 1;
                }
                if (!s.error().isEmpty()) {
                    if (auto && !s.aborting()) {
                        failure = s.error();
                        err.println("flightdeck: " + s.error() + "; aborting");
                        h.abort();
                    } else {
                        err.println("flightdeck: release " + s.id() + " is paused with an error: " + s.error());
                        return stop(h, 1);
                    }
                } else if (s.phase() == ReleasePhase.PAUSED) {
                    if (signalGates && GateReport.atGate(s)) {
                        err.println("flightdeck: paused: gate " + GateReport.gate(s) + " inconclusive (" + s.message()
                                + "); the release stays in flight: 'flightdeck promote --deployment "
                                + s.plan().target().name() + "' approves it, 'flightdeck abort ...' rolls it back");
                        return stop(h, PAUSED_AT_GATE);
                    }
                    if (auto && promotedAt != s.stepIndex()) {
                        promotedAt = s.stepIndex();
                        h.promote();
                    } else if (!auto) {
                        out.println("release " + s.id() + " is paused at step " + s.stepIndex() + " ("
                                + s.steps().get(s.stepIndex()).name() + "); go on with 'flightdeck promote"
                                + " --deployment " + s.plan().target().name() + "' or 'flightdeck abort ...'");
                        return stop(h, 0);
                    }
                }
                if (System.nanoTime() - end > 0) {
                    err.println("flightdeck: timed out following release " + s.id() + "; it stays in flight");
                    return stop(h, 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop(h, 1);
        } finally {
            h.removeListener(listener);
        }
    }

    /**
     * Promotes (in full) and waits until the engine has taken the promotion; returns why it was refused, or null.
     */
    String promote(ReleaseHandle h, boolean full) {
        int before = h.snapshot().events().size();
        BlockingQueue<ReleaseSnapshot> q = new LinkedBlockingQueue<>();
        ReleaseListener listener = q::add;
        h.addListener(listener);
        try {
            if (full) {
                h.promoteFull();
            } else {
                h.promote();
            }
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() - end < 0) {
                ReleaseSnapshot s = q.poll(200, TimeUnit.MILLISECONDS);
                s = s == null ? h.snapshot() : s;
                for (ReleaseEvent e : s.events().subList(Math.min(before, s.events().size()), s.events().size())) {
                    if (e.action().startsWith("promote")) {
                        return e.outcome().equals("ignored") ? "nothing to promote: " + e.details().get("reason")
                                : null;
                    }
                }
            }
            return "the engine did not take the promotion";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            h.removeListener(listener);
        }
    }

    private static int stop(ReleaseHandle h, int code) {
        h.close();
        h.finished().join();
        return code;
    }

    private static String line(ReleaseSnapshot s) {
        String step = s.stepIndex() < s.steps().size() ? s.steps().get(s.stepIndex()).name() : "done";
        StringBuilder b = new StringBuilder("  ").append(s.phase()).append(s.aborting() ? " (abort)" : "")
                .append(" step ").append(s.stepIndex() + 1).append('/').append(s.steps().size()).append(' ')
                .append(step);
        if (s.weight() >= 0) {
            b.append(" weight ").append(s.weight()).append('%');
        }
        if (!s.message().isEmpty()) {
            b.append(": ").append(s.message());
        }
        return b.toString();
    }
}

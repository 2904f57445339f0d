package io.flightdeck.ui.wall;

import io.flightdeck.model.Health;
import io.flightdeck.model.ReleaseSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * Everything one frame of the wall shows, as text and states, so the view only lays it out: the header (title,
 * clock, whether the data is live or stale and how old), the alarm banner if any, and either one release card (with
 * which of how many) or the services' health. Immutable; built by {@link WallPages} on the FX thread.
 */
public record WallPage(String title, String clock, boolean stale, String status, Optional<Banner> banner,
                       Optional<ReleaseCard> release, String pager, List<ServiceTile> services, String servicesNote) {

    public WallPage {
        services = List.copyOf(services);
    }

    /** A failed gate, an abort or a rollback: what, on which target, when and by whom. */
    public record Banner(String headline, String what, String when, String who) {
    }

    /** One release in flight (or just finished). */
    public record ReleaseCard(String id, String target, String strategy, String change, String phase, Tone tone,
                              List<Chip> steps, int weight, List<Gate> gates, List<VersionRow> versions,
                              String signalsNote, String detail) {
        public ReleaseCard {
            steps = List.copyOf(steps);
            gates = List.copyOf(gates);
            versions = List.copyOf(versions);
        }
    }

    public record Chip(String text, ReleaseSnapshot.StepState state) {
    }

    /** An analysis step: its name, state (passed, failed, measuring, waiting) and its latest values. */
    public record Gate(String name, Tone tone, String state, String detail) {
    }

    /** One version: track, image tag, pods ready of desired, requests/s, success rate, p99. */
    public record VersionRow(String track, String tag, String pods, String rate, String success, String p99,
                             Tone tone) {
    }

    public record ServiceTile(String name, String namespace, Health health, String replicas, String tag,
                              String message) {
    }

    /** How a thing is coloured: fine, under way, needs attention, failed, or neutral. */
    public enum Tone { OK, BUSY, WARN, BAD, NEUTRAL }
}

package io.flightdeck.ui.workloads;

import java.util.List;

/**
 * The pods of one revision in the grid, in name order, with the label of their revision ("Revision 3 · 7d9c5f8b4 ·
 * 2.1"); revision 0 holds pods of no known revision. Its {@link #title} adds how many are ready. Immutable.
 */
public record PodGroup(long revision, String hash, String label, List<PodCell> cells, String title) {

    public PodGroup(long revision, String hash, String label, List<PodCell> cells) {
        this(revision, hash, label, cells, label + " · " + readiness(cells));
    }

    public PodGroup {
        cells = List.copyOf(cells);
    }

    private static String readiness(List<PodCell> cells) {
        if (cells.isEmpty()) {
            return "no pods";
        }
        int ready = 0;
        for (PodCell cell : cells) {
            if (cell.ready()) {
                ready++;
            }
        }
        return ready + "/" + cells.size() + " ready";
    }
}

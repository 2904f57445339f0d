package io.flightdeck.ui.workloads;

import java.util.List;

/**
 * The pods of one revision in the grid, in name order, with the heading the grid prints above them
 * ("Revision 3 · 7d9c5f8b4 · 2.1 · 2/3 ready"); revision 0 holds pods of no known revision. Immutable.
 */
public record PodGroup(long revision, String hash, String title, List<PodCell> cells) {

    public PodGroup {
        cells = List.copyOf(cells);
    }
}

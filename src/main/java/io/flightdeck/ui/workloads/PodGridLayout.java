package io.flightdeck.ui.workloads;

import java.util.List;

/**
 * Where the pod grid puts things, for a width: groups one under another, each a heading line and then rows of
 * fixed-size cells. Only arithmetic, so the grid can find the cells in view (or under the mouse) without a node per
 * pod, at any number of pods. Immutable; any thread.
 */
final class PodGridLayout {

    static final double CELL_W = 122;
    static final double CELL_H = 58;
    static final double GAP = 6;
    static final double HEADER_H = 28;
    static final double PAD = 10;

    /** A cell's place: group index and index in the group. */
    record Spot(int group, int index) {
    }

    private final List<PodGroup> groups;
    private final int columns;
    private final double[] tops;
    private final double height;

    PodGridLayout(List<PodGroup> groups, double width) {
        this.groups = groups;
        this.columns = Math.max(1, (int) Math.floor((width - 2 * PAD + GAP) / (CELL_W + GAP)));
        this.tops = new double[groups.size()];
        double y = PAD;
        for (int g = 0; g < groups.size(); g++) {
            tops[g] = y;
            y += groupHeight(g);
        }
        this.height = y + PAD;
    }

    List<PodGroup> groups() {
        return groups;
    }

    int columns() {
        return columns;
    }

    double height() {
        return height;
    }

    int rows(int group) {
        return (groups.get(group).cells().size() + columns - 1) / columns;
    }

    private double groupHeight(int group) {
        return HEADER_H + rows(group) * (CELL_H + GAP) + GAP;
    }

    /** The y of a group's heading. */
    double top(int group) {
        return tops[group];
    }

    double bottom(int group) {
        return tops[group] + groupHeight(group);
    }

    double cellX(int index) {
        return PAD + (index % columns) * (CELL_W + GAP);
    }

    double cellY(int group, int index) {
        return tops[group] + HEADER_H + (index / columns) * (CELL_H + GAP);
    }

    /** The first group whose bottom is below {@code y}, or the number of groups. */
    int firstGroupBelow(double y) {
        int lo = 0;
        int hi = groups.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bottom(mid) <= y) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The cell at content point (x, y), or null. */
    Spot hit(double x, double y) {
        int g = firstGroupBelow(y);
        if (g >= groups.size()) {
            return null;
        }
        double inRows = y - tops[g] - HEADER_H;
        double inX = x - PAD;
        if (inRows < 0 || inX < 0) {
            return null;
        }
        int row = (int) (inRows / (CELL_H + GAP));
        int col = (int) (inX / (CELL_W + GAP));
        if (col >= columns || inRows - row * (CELL_H + GAP) > CELL_H || inX - col * (CELL_W + GAP) > CELL_W) {
            return null;
        }
        int index = row * columns + col;
        return index < groups.get(g).cells().size() ? new Spot(g, index) : null;
    }

    /** Where {@code name} is, or null. */
    Spot find(String name) {
        if (name == null) {
            return null;
        }
        for (int g = 0; g < groups.size(); g++) {
            List<PodCell> cells = groups.get(g).cells();
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).name().equals(name)) {
                    return new Spot(g, i);
                }
            }
        }
        return null;
    }

    /** The cell reached from {@code from} by moving (dx columns, dy rows), crossing groups; null if none. */
    Spot move(Spot from, int dx, int dy) {
        if (groups.stream().allMatch(g -> g.cells().isEmpty())) {
            return null;
        }
        if (from == null) {
            return first();
        }
        int g = from.group();
        int i = from.index();
        if (dx != 0) {
            i += dx;
            while (i < 0 && g > 0) {
                g--;
                i += groups.get(g).cells().size();
            }
            while (i >= groups.get(g).cells().size() && g < groups.size() - 1) {
                i -= groups.get(g).cells().size();
                g++;
            }
            i = Math.max(0, Math.min(i, groups.get(g).cells().size() - 1));
            return i < 0 || groups.get(g).cells().isEmpty() ? from : new Spot(g, i);
        }
        int col = i % columns;
        int row = i / columns + dy;
        while (row < 0 && g > 0) {
            g--;
            row += rows(g);
        }
        while (row >= rows(g) && g < groups.size() - 1) {
            row -= rows(g);
            g++;
        }
        row = Math.max(0, Math.min(row, rows(g) - 1));
        int size = groups.get(g).cells().size();
        if (size == 0) {
            return from;
        }
        return new Spot(g, Math.min(row * columns + col, size - 1));
    }

    Spot first() {
        for (int g = 0; g < groups.size(); g++) {
            if (!groups.get(g).cells().isEmpty()) {
                return new Spot(g, 0);
            }
        }
        return null;
    }

    Spot last() {
        for (int g = groups.size() - 1; g >= 0; g--) {
            if (!groups.get(g).cells().isEmpty()) {
                return new Spot(g, groups.get(g).cells().size() - 1);
            }
        }
        return null;
    }

    PodCell cell(Spot spot) {
        return groups.get(spot.group()).cells().get(spot.index());
    }
}

package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.flightdeck.ui.workloads.Pods.CHECKOUT;
import static io.flightdeck.ui.workloads.PodGridLayout.CELL_H;
import static io.flightdeck.ui.workloads.PodGridLayout.CELL_W;
import static io.flightdeck.ui.workloads.PodGridLayout.GAP;
import static io.flightdeck.ui.workloads.PodGridLayout.HEADER_H;
import static io.flightdeck.ui.workloads.PodGridLayout.PAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PodGridLayoutTest {

    /** Revision 2 with 5 pods, revision 1 with 20 000, in a grid four cells wide. */
    private static PodGridLayout layout() {
        PodGridViewModel model = new PodGridViewModel();
        List<io.flightdeck.model.PodSnapshot> pods = new ArrayList<>(Pods.pods(CHECKOUT, "new", 5));
        for (int i = 0; i < 20_000; i++) {
            pods.add(Pods.pod(CHECKOUT, "old", String.format("%05d", i), true));
        }
        model.show(Pods.workload(CHECKOUT, Health.PROGRESSING, 20_005, List.of(Pods.revision(CHECKOUT, 2, "new",
                "2.1", 5), Pods.revision(CHECKOUT, 1, "old", "2.0", 20_000)), 1), pods);
        return new PodGridLayout(model.groupsProperty().get(), 2 * PAD + 4 * CELL_W + 3 * GAP + 1);
    }

    @Test
    void placesGroupsAndCellsByArithmetic() {
        PodGridLayout layout = layout();
        assertEquals(4, layout.columns());
        assertEquals(2, layout.rows(0));
        assertEquals(5000, layout.rows(1));
        double secondTop = PAD + HEADER_H + 2 * (CELL_H + GAP) + GAP;
        assertEquals(secondTop, layout.top(1), 1e-9);
        assertTrue(layout.height() > 5000 * (CELL_H + GAP));
        PodGridLayout.Spot spot = layout.hit(PAD + CELL_W + GAP + 3, secondTop + HEADER_H + 2 * (CELL_H + GAP) + 3);
        assertEquals(new PodGridLayout.Spot(1, 9), spot);
        assertEquals("00009", layout.cell(spot).shortName());
        assertNull(layout.hit(PAD + CELL_W + 2, secondTop + HEADER_H + 3), "in the gap");
        assertNull(layout.hit(PAD + 3, layout.top(1) + 3), "on the heading");
        assertEquals(1, layout.firstGroupBelow(secondTop + 1));
    }

    @Test
    void arrowsMoveAcrossRowsAndGroups() {
        PodGridLayout layout = layout();
        PodGridLayout.Spot start = layout.first();
        assertEquals(new PodGridLayout.Spot(0, 0), start);
        assertEquals(new PodGridLayout.Spot(0, 4), layout.move(start, 0, 1));
        assertEquals(new PodGridLayout.Spot(1, 0), layout.move(new PodGridLayout.Spot(0, 4), 0, 1));
        assertEquals(new PodGridLayout.Spot(1, 0), layout.move(new PodGridLayout.Spot(0, 4), 1, 0));
        assertEquals(new PodGridLayout.Spot(0, 4), layout.move(new PodGridLayout.Spot(1, 0), -1, 0));
        assertEquals(new PodGridLayout.Spot(0, 4), layout.move(new PodGridLayout.Spot(1, 0), 0, -1));
        assertEquals(new PodGridLayout.Spot(0, 4), layout.move(new PodGridLayout.Spot(1, 3), 0, -1),
                "column 3 of a short last row: its last cell");
        assertEquals(new PodGridLayout.Spot(1, 19_999), layout.last());
        assertEquals(layout.last(), layout.move(layout.last(), 1, 0));
        assertEquals(new PodGridLayout.Spot(1, 123), layout.find(layout.cell(new PodGridLayout.Spot(1, 123)).name()));
    }
}

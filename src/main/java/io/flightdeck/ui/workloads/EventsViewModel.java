package io.flightdeck.ui.workloads;

import io.flightdeck.model.EventSnapshot;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events of the selected Deployment, its ReplicaSets and pods, newest first, at most {@link #LIMIT} of them;
 * warnings are marked. The list is replaced only when a row changed. FX thread or a test thread.
 */
public final class EventsViewModel {

    /** The most events shown; older ones are left out (the count of all is in {@link #totalProperty}). */
    public static final int LIMIT = 500;

    private static final Comparator<EventSnapshot> NEWEST_FIRST = Comparator.comparing(EventSnapshot::lastSeen,
            Comparator.nullsLast(Comparator.reverseOrder()));

    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper();

    /** Shows {@code events} with ages at {@code now}. */
    public void show(List<EventSnapshot> events, Instant now) {
        List<EventSnapshot> sorted = events;
        if (!isNewestFirst(events)) {
            sorted = new ArrayList<>(events);
            sorted.sort(NEWEST_FIRST);
        }
        List<EventRow> next = new ArrayList<>(Math.min(LIMIT, sorted.size()));
        int warned = 0;
        for (EventSnapshot e : sorted) {
            if (e.warning()) {
                warned++;
            }
            if (next.size() < LIMIT) {
                next.add(new EventRow(e.warning(), Ages.since(e.lastSeen(), now), e.objectKind() + "/"
                        + e.objectName(), e.reason(), e.message(), e.count(), e.uid()));
            }
        }
        total.set(events.size());
        warnings.set(warned);
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private static boolean isNewestFirst(List<EventSnapshot> events) {
        for (int i = 1; i < events.size(); i++) {
            if (NEWEST_FIRST.compare(events.get(i - 1), events.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    public ObservableList<EventRow> rows() {
        return rows;
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }
}

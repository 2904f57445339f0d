package io.flightdeck.ui.workloads;

import io.flightdeck.model.Revision;
import io.flightdeck.model.WorkloadSnapshot;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The revisions of the selected Deployment, newest first: its ReplicaSets with revision number, image,
 * pod-template-hash, replica counts and age. The list is replaced only when a row changed. FX thread or a test thread.
 */
public final class RevisionsViewModel {

    private final ObservableList<RevisionRow> rows = FXCollections.observableArrayList();

    /** Shows the revisions of {@code workload} (none when null), with ages at {@code now}. */
    public void show(WorkloadSnapshot workload, Instant now) {
        List<RevisionRow> next = new ArrayList<>();
        if (workload != null) {
            List<Revision> revisions = new ArrayList<>(workload.revisions());
            revisions.sort((a, b) -> Long.compare(b.number(), a.number()));
            for (int i = 0; i < revisions.size(); i++) {
                next.add(row(revisions.get(i), i == 0, now));
            }
        }
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private static RevisionRow row(Revision r, boolean newest, Instant now) {
        String image = r.images().isEmpty() ? "" : String.join(", ", r.images());
        String tag = r.images().isEmpty() ? "" : Ages.tag(r.images().getFirst());
        return new RevisionRow(r.number(), r.replicaSet(), r.podTemplateHash(), image, tag, r.desired(),
                r.current(), r.ready(), r.available(), Ages.since(r.created(), now), newest);
    }

    public ObservableList<RevisionRow> rows() {
        return rows;
    }
}

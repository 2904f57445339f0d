package io.flightdeck.ui.signals;

import io.flightdeck.signals.DeploymentLogTail;
import io.flightdeck.signals.TailLine;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The live log tail of the selected Deployment as the view shows it: the last {@link #SHOWN} lines of every version
 * (each tagged with its track), narrowed by a filter (case-insensitive, over text, pod and track); paused, new lines
 * are held (at most {@link #HELD}, oldest dropped) and counted until resumed. Also where the lines come from. FX
 * thread (or a test thread); needs no running toolkit.
 */
public final class LogViewModel {

    public static final int SHOWN = 2_000;
    public static final int HELD = 10_000;

    private final ObservableList<TailLine> lines = FXCollections.observableArrayList();
    private final FilteredList<TailLine> visible = new FilteredList<>(lines, l -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final ReadOnlyIntegerWrapper held = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("no Deployment selected");
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(0);
    private final Deque<TailLine> waiting = new ArrayDeque<>();

    public LogViewModel() {
        filter.addListener((o, old, now) -> {
            String f = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            visible.setPredicate(f.isEmpty() ? l -> true : l -> matches(l, f));
        });
        paused.addListener((o, was, now) -> {
            if (!now) {
                append(new ArrayList<>(waiting));
                waiting.clear();
                held.set(0);
            }
        });
    }

    static boolean matches(TailLine l, String lowerFilter) {
        return l.text().toLowerCase(Locale.ROOT).contains(lowerFilter)
                || l.pod().toLowerCase(Locale.ROOT).contains(lowerFilter) || l.track().equals(lowerFilter);
    }

    /** Starts over (another Deployment). */
    public void clear() {
        lines.clear();
        waiting.clear();
        held.set(0);
        dropped.set(0);
    }

    /** Takes a batch of new lines from the tail. */
    public void accept(DeploymentLogTail.Batch batch) {
        source.set(batch.description());
        dropped.set(batch.dropped());
        if (batch.lines().isEmpty()) {
            return;
        }
        if (paused.get()) {
            waiting.addAll(batch.lines());
            while (waiting.size() > HELD) {
                waiting.removeFirst();
            }
            held.set(waiting.size());
        } else {
            append(batch.lines());
        }
    }

    private void append(List<TailLine> more) {
        if (more.isEmpty()) {
            return;
        }
        int over = lines.size() + more.size() - SHOWN;
        if (over > 0) {
            if (over >= lines.size()) {
                lines.setAll(more.subList(Math.max(0, more.size() - SHOWN), more.size()));
                return;
            }
            lines.remove(0, over);
        }
        lines.addAll(more);
    }

    /** Every line held for showing, filter not applied. */
    public ObservableList<TailLine> lines() {
        return lines;
    }

    /** The lines the filter lets through. */
    public FilteredList<TailLine> visible() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** New lines held while paused. */
    public ReadOnlyIntegerProperty heldProperty() {
        return held.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }
}

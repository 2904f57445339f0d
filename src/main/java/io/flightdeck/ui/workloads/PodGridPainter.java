package io.flightdeck.ui.workloads;

import io.flightdeck.model.ProbeHealth;
import io.flightdeck.model.ProbeKind;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.ArcType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Paints the part of the pod grid in view onto a canvas: group headings, and per pod a cell with a tone strip and
 * tone shape, the short name, restarts (circular arrow and count), the status text, and three probe marks S, R, L
 * (filled: passing; filled and struck through: failing; outline: not run yet; faint letter: not configured).
 * FX thread.
 */
final class PodGridPainter {

    private static final String[] PROBE_LETTERS = {"S", "R", "L"};

    private final Font nameFont;
    private final Font statusFont;
    private final Font markFont;
    private final Font headingFont;
    private final Map<String, String> fitted = new HashMap<>();
    private final Text measure = new Text();

    PodGridPainter(double baseSize) {
        String family = Font.getDefault().getFamily();
        nameFont = Font.font(family, FontWeight.BOLD, baseSize);
        statusFont = Font.font(family, FontWeight.NORMAL, baseSize - 1);
        markFont = Font.font(family, FontWeight.BOLD, baseSize - 3);
        headingFont = Font.font(family, FontWeight.BOLD, baseSize - 0.5);
    }

    /**
     * Paints the view from content y {@code top} down {@code height} pixels; tells {@code painted} each cell drawn.
     */
    void paint(GraphicsContext g, PodGridLayout layout, double top, double width, double height, String selected,
               boolean focused, GridPalette p, Consumer<PodCell> painted) {
        g.setFill(p.background());
        g.fillRect(0, 0, width, height);
        g.setTextBaseline(VPos.CENTER);
        if (layout.groups().isEmpty()) {
            g.setFill(p.muted());
            g.setFont(statusFont);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("No pods", PodGridLayout.PAD, PodGridLayout.PAD + 12);
            return;
        }
        double bottom = top + height;
        for (int gi = layout.firstGroupBelow(top); gi < layout.groups().size() && layout.top(gi) < bottom; gi++) {
            PodGroup group = layout.groups().get(gi);
            double headY = layout.top(gi) - top;
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(headingFont);
            g.setFill(p.muted());
            g.fillText(group.title(), PodGridLayout.PAD, headY + PodGridLayout.HEADER_H / 2 - 1);
            g.setStroke(p.border());
            g.setLineWidth(1);
            g.strokeLine(PodGridLayout.PAD, snap(headY + PodGridLayout.HEADER_H - 5), width - PodGridLayout.PAD,
                    snap(headY + PodGridLayout.HEADER_H - 5));
            int rowFirst = (int) Math.max(0, Math.floor((top - layout.top(gi) - PodGridLayout.HEADER_H)
                    / (PodGridLayout.CELL_H + PodGridLayout.GAP)));
            int from = rowFirst * layout.columns();
            int size = group.cells().size();
            for (int i = from; i < size; i++) {
                double y = layout.cellY(gi, i) - top;
                if (y > height) {
                    break;
                }
                PodCell cell = group.cells().get(i);
                paintCell(g, cell, layout.cellX(i), y, cell.name().equals(selected), focused, p);
                painted.accept(cell);
            }
        }
    }

    private void paintCell(GraphicsContext g, PodCell c, double x, double y, boolean selected, boolean focused,
                           GridPalette p) {
        double w = PodGridLayout.CELL_W;
        double h = PodGridLayout.CELL_H;
        g.setFill(p.cell());
        g.fillRoundRect(x, y, w, h, 8, 8);
        g.setFill(p.tone(c.tone()));
        g.fillRoundRect(x, y, 5, h, 5, 5);
        g.setStroke(selected ? p.selected() : p.border());
        g.setLineWidth(selected ? (focused ? 2.5 : 2) : 1);
        g.strokeRoundRect(x + 0.5, y + 0.5, w - 1, h - 1, 8, 8);
        paintTone(g, c.tone(), x + 16, y + 14, p);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(nameFont);
        g.setFill(p.text());
        g.fillText(c.shortName(), x + 26, y + 14);
        if (c.restarts() > 0) {
            paintRestarts(g, c.restarts(), x + w - 8, y + 14, p);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(statusFont);
        g.setFill(c.tone() == PodTone.READY ? p.muted() : p.tone(c.tone()));
        g.fillText(fit(c.status(), w - 18), x + 11, y + 31);
        for (ProbeKind kind : ProbeKind.values()) {
            paintProbe(g, PROBE_LETTERS[kind.ordinal()], c.probe(kind), x + 11 + kind.ordinal() * 19, y + 40, p);
        }
    }

    private static void paintTone(GraphicsContext g, PodTone tone, double cx, double cy, GridPalette p) {
        g.setFill(p.tone(tone));
        g.setStroke(p.tone(tone));
        g.setLineWidth(2);
        double r = 5;
        switch (tone) {
            case READY -> g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            case NOT_READY -> g.strokeOval(cx - r + 1, cy - r + 1, 2 * r - 2, 2 * r - 2);
            case PENDING -> {
                g.strokeOval(cx - r + 1, cy - r + 1, 2 * r - 2, 2 * r - 2);
                g.fillOval(cx - 1.5, cy - 1.5, 3, 3);
            }
            case FAILING -> {
                g.strokeLine(cx - 4, cy - 4, cx + 4, cy + 4);
                g.strokeLine(cx - 4, cy + 4, cx + 4, cy - 4);
            }
            case TERMINATING -> g.fillRect(cx - 5, cy - 1.5, 10, 3);
            case FINISHED -> g.strokePolyline(new double[]{cx - 4, cx - 1, cx + 4}, new double[]{cy, cy + 3, cy - 3},
                    3);
        }
    }

    private void paintRestarts(GraphicsContext g, int restarts, double right, double cy, GridPalette p) {
        String text = Integer.toString(restarts);
        g.setFont(statusFont);
        g.setFill(p.warn());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(text, right, cy);
        double ax = right - width(text, statusFont) - 9;
        g.setStroke(p.warn());
        g.setLineWidth(1.6);
        g.strokeArc(ax - 5, cy - 5, 10, 10, 60, 270, ArcType.OPEN);
        g.fillPolygon(new double[]{ax + 1, ax + 5.5, ax + 1.5}, new double[]{cy - 7.5, cy - 4.5, cy - 1.5}, 3);
    }

    private void paintProbe(GraphicsContext g, String letter, ProbeHealth health, double x, double y, GridPalette p) {
        double w = 16;
        double h = 13;
        g.setFont(markFont);
        g.setTextAlign(TextAlignment.CENTER);
        switch (health) {
            case PASSING -> {
                g.setFill(p.ok());
                g.fillRoundRect(x, y, w, h, 4, 4);
                g.setFill(p.onMark());
            }
            case FAILING -> {
                g.setFill(p.danger());
                g.fillRoundRect(x, y, w, h, 4, 4);
                g.setStroke(p.onMark());
                g.setLineWidth(1.5);
                g.strokeLine(x + w - 2, y + 2, x + 2, y + h - 2);
                g.setFill(p.onMark());
            }
            case PENDING -> {
                g.setStroke(p.muted());
                g.setLineWidth(1);
                g.strokeRoundRect(x + 0.5, y + 0.5, w - 1, h - 1, 4, 4);
                g.setFill(p.muted());
            }
            case NONE -> g.setFill(p.border());
        }
        g.fillText(letter, x + w / 2, y + h / 2 + 0.5);
    }

    private String fit(String text, double max) {
        if (fitted.size() > 1000) {
            fitted.clear();
        }
        return fitted.computeIfAbsent(text + "\u0000" + max, k -> {
            if (width(text, statusFont) <= max) {
                return text;
            }
            String s = text;
            while (s.length() > 1 && width(s + "…", statusFont) > max) {
                s = s.substring(0, s.length() - 1);
            }
            return s + "…";
        });
    }

    private double width(String text, Font font) {
        measure.setFont(font);
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }
}

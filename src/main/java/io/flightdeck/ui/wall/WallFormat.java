package io.flightdeck.ui.wall;

import java.util.Locale;

/** Numbers as the wall prints them: few digits, units spelled out. Stateless. */
final class WallFormat {

    private WallFormat() {
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, a >= 1 ? "%.2f" : "%.3f", v);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, ratio >= 0.999 ? "%.1f %%" : "%.2f %%", ratio * 100);
    }

    static String millis(double seconds) {
        return String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }
}

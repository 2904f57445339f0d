package io.flightdeck.sandbox.sim;

/**
 * Formats a duration the way Go's {@code time.Duration.String()} does ("834ms", "1.234s", "1m20s", "5m0s"), since the
 * kubelet's messages print durations so. Millisecond precision. Stateless; any thread.
 */
final class GoDuration {

    private GoDuration() {
    }

    static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        if (millis < 0) {
            return "-" + format(-millis);
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long ms = millis % 60_000;
        StringBuilder sb = new StringBuilder();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        sb.append(ms / 1000);
        long frac = ms % 1000;
        if (frac != 0) {
            String f = String.format("%03d", frac);
            while (f.endsWith("0")) {
                f = f.substring(0, f.length() - 1);
            }
            sb.append('.').append(f);
        }
        return sb.append('s').toString();
    }
}

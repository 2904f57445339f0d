package io.flightdeck.signals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples of every series seen in scrapes of a Prometheus text-format endpoint, kept for a bounded time, so that
 * rates over a window can be computed without a Prometheus server. Written by the scraper thread, read by queries;
 * each series is synchronized on itself.
 */
final class ScrapeHistory {

    record Sample(Instant time, double value) {
    }

    /** One series: metric name, labels, recent samples oldest first. */
    static final class Series {
        final String name;
        final Map<String, String> labels;
        private final Deque<Sample> samples = new ArrayDeque<>();

        Series(String name, Map<String, String> labels) {
            this.name = name;
            this.labels = labels;
        }

        synchronized void add(Sample s, Instant oldest) {
            samples.addLast(s);
            while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
                samples.removeFirst();
            }
        }

        synchronized Sample last() {
            return samples.peekLast();
        }

        synchronized List<Sample> since(Instant from) {
            List<Sample> out = new ArrayList<>();
            for (Sample s : samples) {
                if (!s.time().isBefore(from)) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Duration keep;
    private volatile Instant latest = Instant.EPOCH;

    ScrapeHistory(Duration keep) {
        this.keep = keep;
    }

    /** Adds one scrape in the text exposition format, taken at {@code time}. */
    void add(String text, Instant time) {
        add(text, time, Map.of());
    }

    /**
     * Adds one scrape taken at {@code time}, with target labels added to every series that does not have them
     * already (as Prometheus does with honor_labels).
     */
    void add(String text, Instant time, Map<String, String> targetLabels) {
        if (time.isAfter(latest)) {
            latest = time;
        }
        Instant oldest = time.minus(keep);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < line.indexOf(' ')) {
                name = line.substring(0, brace);
                int close = line.lastIndexOf('}');
                parseLabels(line.substring(brace + 1, close), labels);
                space = close + 1;
            } else {
                space = line.indexOf(' ');
                name = line.substring(0, space);
            }
            String[] rest = line.substring(space).trim().split("\\s+");
            double v;
            try {
                v = Double.parseDouble(rest[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            targetLabels.forEach(labels::putIfAbsent);
            String key = name + labels;
            series.computeIfAbsent(key, k -> new Series(name, Map.copyOf(labels))).add(new Sample(time, v), oldest);
        }
    }

    /** When the newest scrape was taken; a series without a sample from then is stale. */
    Instant latest() {
        return latest;
    }

    List<Series> named(String name) {
        return series.values().stream().filter(s -> s.name.equals(name)).toList();
    }

    private static void parseLabels(String s, Map<String, String> out) {
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                return;
            }
            String key = s.substring(i, eq).trim().replaceFirst("^,", "").trim();
            int q = s.indexOf('"', eq);
            StringBuilder v = new StringBuilder();
            int j = q + 1;
            while (j < s.length() && s.charAt(j) != '"') {
                if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                    j++;
                    v.append(s.charAt(j) == 'n' ? '\n' : s.charAt(j));
                } else {
                    v.append(s.charAt(j));
                }
                j++;
            }
            out.put(key, v.toString());
            i = j + 1;
            while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                i++;
            }
        }
    }
}

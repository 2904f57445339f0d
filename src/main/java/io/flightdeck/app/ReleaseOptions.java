package io.flightdeck.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of the release subcommands, parsed on the main thread: {@code --name value} or {@code --name=value};
 * flags take no value. Each subcommand says which names it accepts. Immutable after parsing.
 */
final class ReleaseOptions {

    private final Map<String, String> values = new HashMap<>();

    private ReleaseOptions() {
    }

    static ReleaseOptions parse(String[] args, Set<String> valued, Set<String> flags) throws UsageException {
        ReleaseOptions o = new ReleaseOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("-n")) {
                name = "--namespace";
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
                o.values.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args[++i];
                }
                if (value.isBlank()) {
                    throw new UsageException(name + " must not be blank");
                }
                o.values.put(name, value);
            } else {
                throw new UsageException("unknown option '" + arg + "'");
            }
        }
        return o;
    }

    String get(String name) {
        return values.get(name);
    }

    String require(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** A duration such as 30s, 5m, 1h or 500ms. */
    Duration duration(String name, Duration fallback) throws UsageException {
        String v = values.get(name);
        return v == null ? fallback : parseDuration(name, v);
    }

    static Duration parseDuration(String name, String v) throws UsageException {
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new UsageException(name + " takes a duration such as 30s, 5m or 500ms, not '" + v + "'");
        }
    }

    /** Weights such as 10,25,50,100: increasing, each 1..100. */
    List<Integer> weights(String name) throws UsageException {
        String v = values.get(name);
        List<Integer> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        int last = 0;
        for (String part : v.split(",")) {
            try {
                int w = Integer.parseInt(part.trim());
                if (w <= last || w > 100) {
                    throw new NumberFormatException();
                }
                out.add(w);
                last = w;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " takes increasing weights between 1 and 100, e.g. 10,25,50,100;"
                        + " got '" + v + "'");
            }
        }
        return out;
    }

    long number(String name) throws UsageException {
        String v = require(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a number, not '" + v + "'");
        }
    }
}

package io.flightdeck.sandbox.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What a version of an app does in the sandbox, decided by suffixes of its image tag: {@code :2.1} is healthy,
 * {@code :2.1-slow} answers slowly, {@code :2.1-errors} fails 5% of requests with HTTP 500, {@code :2.1-noready}
 * never passes readiness, {@code :2.1-crash} hangs after a short while (liveness fails, the kubelet restarts it, then
 * CrashLoopBackOff), {@code :2.1-slowstart} needs 75 s before it listens. Suffixes combine ({@code :2.1-slow-errors}).
 * The kubelet asks it how probes answer; the traffic simulator asks it for latency and errors. Immutable; any thread.
 *
 * @param image             the image reference it was made from
 * @param version           the tag without behaviour suffixes ("2.1"), or "latest" when the image has no tag
 * @param traits            the behaviour suffixes found
 * @param listenAfterMillis how long after the container starts the app begins to answer (probes before that are
 *                          refused)
 * @param hangAfterMillis   when a {@code -crash} app hangs, counted from container start; -1 for apps that never hang
 * @param latencyMedianMillis median request latency
 * @param latencyP99Millis  99th percentile request latency
 * @param errorRate         share of requests answered with HTTP 500, 0..1
 */
public record ImageBehaviour(String image, String version, Set<Trait> traits, long listenAfterMillis,
                             long hangAfterMillis, double latencyMedianMillis, double latencyP99Millis,
                             double errorRate) {

    /** One behaviour suffix of an image tag. */
    public enum Trait {
        SLOW, ERRORS, NOREADY, CRASH, SLOWSTART;

        public String suffix() {
            return "-" + name().toLowerCase(Locale.ROOT);
        }
    }

    public static final long HEALTHY_LISTEN_AFTER_MILLIS = 1_000;
    public static final long SLOWSTART_LISTEN_AFTER_MILLIS = 75_000;
    public static final long CRASH_HANG_AFTER_MILLIS = 20_000;
    public static final double HEALTHY_LATENCY_MEDIAN_MILLIS = 40;
    public static final double HEALTHY_LATENCY_P99_MILLIS = 150;
    public static final double SLOW_LATENCY_MEDIAN_MILLIS = 250;
    public static final double SLOW_LATENCY_P99_MILLIS = 1_200;
    public static final double HEALTHY_ERROR_RATE = 0.001;
    public static final double ERRORS_ERROR_RATE = 0.05;

    /** z of the 99th percentile of a standard normal distribution. */
    private static final double Z99 = 2.3263478740408408;

    public ImageBehaviour {
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
    }

    /** Reads the behaviour from an image reference such as {@code registry.shop.example/checkout:2.1-slow}. */
    public static ImageBehaviour of(String image) {
        String tag = tag(image);
        EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);
        List<String> versionParts = new ArrayList<>();
        for (String part : tag.split("-")) {
            Trait t = trait(part);
            if (t == null) {
                versionParts.add(part);
            } else {
                traits.add(t);
            }
        }
        String version = versionParts.isEmpty() ? tag : String.join("-", versionParts);
        boolean slow = traits.contains(Trait.SLOW);
        return new ImageBehaviour(image, version, traits,
                traits.contains(Trait.SLOWSTART) ? SLOWSTART_LISTEN_AFTER_MILLIS : HEALTHY_LISTEN_AFTER_MILLIS,
                traits.contains(Trait.CRASH) ? CRASH_HANG_AFTER_MILLIS : -1,
                slow ? SLOW_LATENCY_MEDIAN_MILLIS : HEALTHY_LATENCY_MEDIAN_MILLIS,
                slow ? SLOW_LATENCY_P99_MILLIS : HEALTHY_LATENCY_P99_MILLIS,
                traits.contains(Trait.ERRORS) ? ERRORS_ERROR_RATE : HEALTHY_ERROR_RATE);
    }

    /** The tag of an image reference, without a digest; "latest" when it has none. */
    public static String tag(String image) {
        String ref = image == null ? "" : image;
        int at = ref.indexOf('@');
        if (at >= 0) {
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        int slash = ref.lastIndexOf('/');
        return colon > slash ? ref.substring(colon + 1) : "latest";
    }

    private static Trait trait(String part) {
        for (Trait t : Trait.values()) {
            if (t.name().equalsIgnoreCase(part)) {
                return t;
            }
        }
        return null;
    }

    public boolean has(Trait t) {
        return traits.contains(t);
    }

    public boolean healthy() {
        return traits.isEmpty();
    }

    /** Whether the app accepts connections {@code uptimeMillis} after its container started. */
    public boolean listening(long uptimeMillis) {
        return uptimeMillis >= listenAfterMillis;
    }

    /** Whether a {@code -crash} app has hung by then: it still accepts connections but answers 500/503. */
    public boolean hung(long uptimeMillis) {
        return hangAfterMillis >= 0 && uptimeMillis >= hangAfterMillis;
    }

    /** Whether requests get a normal answer (listening and not hung): what a traffic simulator sends to. */
    public boolean answers(long uptimeMillis) {
        return listening(uptimeMillis) && !hung(uptimeMillis);
    }

    /**
     * The HTTP status the app's readiness endpoint answers, or 0 when the connection is refused: 200 when ready,
     * 503 for {@code -noready}, a hung {@code -crash} app, or when {@code forcedUnready} (a fault injected by a test).
     */
    public int readinessStatus(long uptimeMillis, boolean forcedUnready) {
        if (!listening(uptimeMillis)) {
            return 0;
        }
        return forcedUnready || has(Trait.NOREADY) || hung(uptimeMillis) ? 503 : 200;
    }

    /** The HTTP status of the liveness/startup endpoint, or 0 when refused: 500 once a {@code -crash} app hung. */
    public int livenessStatus(long uptimeMillis) {
        if (!listening(uptimeMillis)) {
            return 0;
        }
        return hung(uptimeMillis) ? 500 : 200;
    }

    /** Latency of one request, drawn from a log-normal distribution with this median and 99th percentile. */
    public double sampleLatencyMillis(RandomGenerator random) {
        double mu = Math.log(latencyMedianMillis);
        double sigma = (Math.log(latencyP99Millis) - mu) / Z99;
        return Math.exp(mu + sigma * random.nextGaussian());
    }

    /** Whether one request fails with HTTP 500. */
    public boolean sampleError(RandomGenerator random) {
        return random.nextDouble() < errorRate;
    }
}

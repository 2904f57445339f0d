package io.flightdeck.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A release's strategy and its parameters. Rolling uses {@code maxSurge}/{@code maxUnavailable} (an int or a
 * percentage, "" to keep the Deployment's own). Blue/green uses the active Service (default: the Service named like
 * the Deployment), an optional preview Service and the scale-down delay of the old version. Canary uses the Service
 * that an HTTPRoute may route to (default: named like the Deployment). Immutable.
 */
public record ReleaseStrategy(StrategyKind kind, String maxSurge, String maxUnavailable, String activeService,
                              String previewService, Duration scaleDownDelay) {

    public static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofSeconds(30);

    public ReleaseStrategy {
        Objects.requireNonNull(kind, "kind");
        maxSurge = maxSurge == null ? "" : maxSurge;
        maxUnavailable = maxUnavailable == null ? "" : maxUnavailable;
        activeService = activeService == null ? "" : activeService;
        previewService = previewService == null ? "" : previewService;
        scaleDownDelay = scaleDownDelay == null ? DEFAULT_SCALE_DOWN_DELAY : scaleDownDelay;
        if (scaleDownDelay.isNegative()) {
            throw new IllegalArgumentException("scaleDownDelay must not be negative");
        }
    }

    /** Rolling with the Deployment's own maxSurge and maxUnavailable. */
    public static ReleaseStrategy rolling() {
        return rolling("", "");
    }

    public static ReleaseStrategy rolling(String maxSurge, String maxUnavailable) {
        return new ReleaseStrategy(StrategyKind.ROLLING, maxSurge, maxUnavailable, "", "", null);
    }

    /** Blue/green on the Service named like the Deployment, no preview Service, 30 s scale-down delay. */
    public static ReleaseStrategy blueGreen() {
        return blueGreen("", "", DEFAULT_SCALE_DOWN_DELAY);
    }

    public static ReleaseStrategy blueGreen(String activeService, String previewService, Duration scaleDownDelay) {
        return new ReleaseStrategy(StrategyKind.BLUE_GREEN, "", "", activeService, previewService, scaleDownDelay);
    }

    /** Canary; weights follow an HTTPRoute when one routes to the Service named like the Deployment. */
    public static ReleaseStrategy canary() {
        return canary("");
    }

    public static ReleaseStrategy canary(String service) {
        return new ReleaseStrategy(StrategyKind.CANARY, "", "", service, "", null);
    }
}

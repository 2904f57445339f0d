package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.sim.ImageBehaviour.Trait;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageBehaviourTest {

    @Test
    void suffixesOfTheTagDecideTheBehaviour() {
        assertTrue(ImageBehaviour.of("registry.shop.example/checkout:2.1").healthy());
        assertEquals("2.1", ImageBehaviour.of("registry.shop.example/checkout:2.1").version());
        assertEquals(Set.of(Trait.SLOW), ImageBehaviour.of("registry.shop.example/checkout:2.1-slow").traits());
        assertEquals(Set.of(Trait.ERRORS), ImageBehaviour.of("checkout:2.1-errors").traits());
        assertEquals(Set.of(Trait.NOREADY), ImageBehaviour.of("checkout:2.1-noready").traits());
        assertEquals(Set.of(Trait.CRASH), ImageBehaviour.of("checkout:2.1-crash").traits());
        assertEquals(Set.of(Trait.SLOWSTART), ImageBehaviour.of("checkout:2.1-slowstart").traits());
        ImageBehaviour both = ImageBehaviour.of("registry.shop.example/checkout:2.1-rc1-slow-errors");
        assertEquals(Set.of(Trait.SLOW, Trait.ERRORS), both.traits());
        assertEquals("2.1-rc1", both.version());
    }

    @Test
    void registryPortsDigestsAndMissingTagsAreNotMistakenForTags() {
        assertEquals("latest", ImageBehaviour.tag("localhost:5000/checkout"));
        assertEquals("2.1-slow", ImageBehaviour.tag("localhost:5000/checkout:2.1-slow"));
        assertEquals("2.1-crash", ImageBehaviour.tag("checkout:2.1-crash@sha256:abcdef"));
        assertTrue(ImageBehaviour.of("nginx").healthy());
        assertTrue(ImageBehaviour.of("registry.shop.example/crash-reporter:1.0").healthy());
        assertTrue(ImageBehaviour.of("checkout:1.0-crashfix").healthy());
    }

    @Test
    void probesAnswerByUptime() {
        ImageBehaviour healthy = ImageBehaviour.of("web:1.0");
        assertEquals(0, healthy.readinessStatus(500, false), "refused before it listens");
        assertEquals(200, healthy.readinessStatus(1_000, false));
        assertEquals(503, healthy.readinessStatus(1_000, true), "a forced fault");
        assertEquals(200, healthy.livenessStatus(3_600_000));

        ImageBehaviour noready = ImageBehaviour.of("web:1.0-noready");
        assertEquals(503, noready.readinessStatus(60_000, false));
        assertEquals(200, noready.livenessStatus(60_000));

        ImageBehaviour crash = ImageBehaviour.of("web:1.0-crash");
        assertEquals(200, crash.livenessStatus(19_999));
        assertEquals(500, crash.livenessStatus(20_000));
        assertEquals(503, crash.readinessStatus(20_000, false));
        assertFalse(crash.answers(20_000));

        ImageBehaviour slowstart = ImageBehaviour.of("web:1.0-slowstart");
        assertEquals(0, slowstart.livenessStatus(74_999));
        assertEquals(200, slowstart.livenessStatus(75_000));
        assertTrue(slowstart.answers(75_000));
    }

    @Test
    void latencyAndErrorsFollowTheParameters() {
        SplittableRandom random = new SplittableRandom(7);
        double[] healthy = samples(ImageBehaviour.of("web:1.0"), random);
        double[] slow = samples(ImageBehaviour.of("web:1.0-slow"), random);
        assertEquals(ImageBehaviour.HEALTHY_LATENCY_MEDIAN_MILLIS, healthy[healthy.length / 2], 3);
        assertEquals(ImageBehaviour.HEALTHY_LATENCY_P99_MILLIS, healthy[healthy.length * 99 / 100], 15);
        assertEquals(ImageBehaviour.SLOW_LATENCY_MEDIAN_MILLIS, slow[slow.length / 2], 20);
        assertEquals(ImageBehaviour.SLOW_LATENCY_P99_MILLIS, slow[slow.length * 99 / 100], 120);

        assertEquals(0.05, errorRate(ImageBehaviour.of("web:1.0-errors"), random), 0.005);
        assertEquals(0.001, errorRate(ImageBehaviour.of("web:1.0"), random), 0.001);
    }

    private static double[] samples(ImageBehaviour b, SplittableRandom random) {
        double[] s = new double[50_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.sampleLatencyMillis(random);
        }
        Arrays.sort(s);
        return s;
    }

    private static double errorRate(ImageBehaviour b, SplittableRandom random) {
        int errors = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            if (b.sampleError(random)) {
                errors++;
            }
        }
        return (double) errors / n;
    }
}

package io.flightdeck.ui.workloads;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgesTest {

    @Test
    void printsLikeKubectl() {
        assertEquals("0s", Ages.of(Duration.ofMillis(-5)));
        assertEquals("119s", Ages.of(Duration.ofSeconds(119)));
        assertEquals("3m20s", Ages.of(Duration.ofSeconds(200)));
        assertEquals("42m", Ages.of(Duration.ofMinutes(42)));
        assertEquals("5h10m", Ages.of(Duration.ofMinutes(310)));
        assertEquals("30h", Ages.of(Duration.ofHours(30)));
        assertEquals("3d4h", Ages.of(Duration.ofHours(76)));
        assertEquals("40d", Ages.of(Duration.ofDays(40)));
    }

    @Test
    void tagsOfImageReferences() {
        assertEquals("2.1-slow", Ages.tag("registry.shop.example/checkout:2.1-slow"));
        assertEquals("latest", Ages.tag("registry:5000/shop/app"));
        assertEquals("1.0", Ages.tag("registry:5000/shop/app:1.0"));
        assertEquals("", Ages.tag(null));
    }
}

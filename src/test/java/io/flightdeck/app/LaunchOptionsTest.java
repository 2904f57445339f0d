package io.flightdeck.app;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    @Test
    void readsEveryOptionInBothForms() throws UsageException {
        assertEquals(LaunchOptions.NONE, LaunchOptions.parse());
        LaunchOptions spaced = LaunchOptions.parse("--context", "prod", "--namespace", "shop");
        assertEquals(new LaunchOptions(false, Optional.of("prod"), Optional.of("shop"), false), spaced);
        assertEquals(spaced, LaunchOptions.parse("--context=prod", "-n", "shop"));
        assertTrue(LaunchOptions.parse("--sandbox").sandbox());
        assertTrue(LaunchOptions.parse("-h").help());
        assertTrue(LaunchOptions.parse("--sandbox", "--wall").wall());
    }

    @Test
    void readsTheSignalOptions() throws UsageException {
        LaunchOptions o = LaunchOptions.parse("--prometheus", "http://localhost:9090", "--forward-port=24225");
        assertEquals(Optional.of("http://localhost:9090"), o.prometheus());
        assertEquals(java.util.OptionalInt.of(24225), o.forwardPort());
        assertEquals(java.util.OptionalInt.empty(), LaunchOptions.parse("--sandbox").forwardPort());
        assertEquals("--prometheus needs an http:// or https:// URL, e.g. http://localhost:9090; got 'localhost:9090'",
                assertThrows(UsageException.class, () -> LaunchOptions.parse("--prometheus", "localhost:9090"))
                        .getMessage());
        assertEquals("--forward-port needs a port number from 0 to 65535 (0: any free port); got '70000'",
                assertThrows(UsageException.class, () -> LaunchOptions.parse("--forward-port", "70000"))
                        .getMessage());
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertEquals("--namespace needs a value",
                assertThrows(UsageException.class, () -> LaunchOptions.parse("--namespace", "--sandbox")).getMessage());
        assertEquals("--context needs a value",
                assertThrows(UsageException.class, () -> LaunchOptions.parse("--context=")).getMessage());
        assertEquals("--sandbox takes no value",
                assertThrows(UsageException.class, () -> LaunchOptions.parse("--sandbox=yes")).getMessage());
        assertEquals("unknown command 'shop'",
                assertThrows(UsageException.class, () -> LaunchOptions.parse("--sandbox", "shop")).getMessage());
    }
}

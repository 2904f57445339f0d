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

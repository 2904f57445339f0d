package io.flightdeck.release;

import io.flightdeck.model.ReleaseChange;
import io.flightdeck.model.ReleasePhase;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.ReleaseSnapshot;
import io.flightdeck.model.ReleaseStep;
import io.flightdeck.model.ReleaseStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.flightdeck.release.ReleaseFixture.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two engines on one target: one drives, the other is read-only; takeover only after expiry and confirmation. */
class LeaseTakeoverTest {

    static ReleaseFixture fx;

    @BeforeAll
    static void start() {
        fx = new ReleaseFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void oneDriverOthersReadOnlyTakeoverAfterExpiryWithConfirmation() throws Exception {
        fx.awaitRolledOut("catalog");
        ReleaseEngine alice = fx.engine(ReleaseFixture.settings(), "alice");
        ReleaseEngine bob = fx.engine(ReleaseFixture.settings(), "bob");
        ReleasePlan plan = new ReleasePlan(key("catalog"),
                ReleaseChange.image("app", "registry.shop.example/catalog:2.9"), ReleaseStrategy.canary(),
                List.of(ReleaseStep.setWeight(25), ReleaseStep.pause()));
        ReleaseDriver driving = (ReleaseDriver) alice.start(plan);
        ReleaseFixture.awaitStep(driving, "pause", ReleasePhase.PAUSED);

        LockedException held = assertThrows(LockedException.class, () -> bob.resume(key("catalog"), true));
        assertFalse(held.expired(), "alice renews her lease");
        assertEquals(alice.identity(), held.holder().identity());
        assertThrows(PreflightException.class, () -> bob.start(plan), "a second release on the target is refused");

        ReleaseHandle view = bob.observe("shop", driving.id());
        ReleaseSnapshot seen = ReleaseFixture.await(view, s -> s.holder().equals(alice.identity()),
                Duration.ofSeconds(5));
        assertFalse(seen.driving());
        NotDriverException readOnly = assertThrows(NotDriverException.class, view::promote);
        assertTrue(readOnly.getMessage().contains(alice.identity()), readOnly.getMessage());

        driving.haltNow();
        driving.finished().join();
        ReleaseLock.Holder stale = new ReleaseLock(fx.client, "shop", "catalog", "probe", Duration.ofSeconds(1),
                java.time.Clock.systemUTC()).holder().orElseThrow();
        assertEquals(alice.identity(), stale.identity(), "a dead driver's lease stays until it expires");
        Duration untilExpiry = Duration.between(Instant.now(), stale.expiresAt());
        if (!untilExpiry.isNegative()) {
            Thread.sleep(untilExpiry.toMillis() + 50);
        }
        LockedException expired = assertThrows(LockedException.class, () -> bob.resume(key("catalog"), false));
        assertTrue(expired.expired(), "expired, but a takeover needs confirmation");

        ReleaseHandle takeover = bob.resume(key("catalog"), true);
        assertTrue(takeover.driving());
        ReleaseFixture.await(view, s -> s.holder().equals(bob.identity()), Duration.ofSeconds(5));
        takeover.promote();
        ReleaseSnapshot done = ReleaseFixture.awaitPhase(takeover, ReleasePhase.SUCCEEDED);
        assertTrue(done.events().stream().anyMatch(e -> e.action().equals("resume")
                && "true".equals(e.details().get("takeover"))), "the takeover is journaled");
        assertEquals(ReleasePhase.SUCCEEDED, view.finished().get().phase(), "the read-only view follows to the end");
    }

    @Test
    void anExpiredLeaseWithoutAReleaseInFlightDoesNotBlockANewRelease() {
        fx.awaitRolledOut("search");
        fx.client.leases().inNamespace("shop").resource(new io.fabric8.kubernetes.api.model.coordination.v1
                .LeaseBuilder().withNewMetadata().withName("flightdeck-search").endMetadata().withNewSpec()
                .withHolderIdentity("ghost").withLeaseDurationSeconds(15)
                .withRenewTime(java.time.ZonedDateTime.now().minusMinutes(5)).endSpec().build()).create();
        ReleaseHandle h = fx.engine().start(new ReleasePlan(key("search"),
                ReleaseChange.image("app", "registry.shop.example/search:2.2"), ReleaseStrategy.rolling(), List.of()));
        ReleaseFixture.awaitPhase(h, ReleasePhase.SUCCEEDED);
        assertEquals(null, fx.client.leases().inNamespace("shop").withName("flightdeck-search").get());
    }
}

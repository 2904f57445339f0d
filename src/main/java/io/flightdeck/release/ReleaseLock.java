package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The lock on a release target: a coordination.k8s.io/v1 Lease {@code flightdeck-<deployment>} in its namespace,
 * holding the driver's identity, a duration (15 s by default) and a renew time the driver refreshes (every 5 s). One
 * driver at a time; anyone may read who drives. A Lease held by another identity is only taken over once it has
 * expired and the caller confirms. Every write carries the resourceVersion read, so two engines racing for the
 * Lease cannot both win. {@link #renew} runs on the engine's scheduler, the rest on the caller's thread; the held-until
 * time is volatile.
 */
public final class ReleaseLock {

    /** Who holds a Lease, since when it was last renewed, for how long. */
    public record Holder(String identity, Instant renewed, Duration duration) {
        public Instant expiresAt() {
            return renewed.plus(duration);
        }

        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt());
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration duration;
    private final Clock clock;
    private volatile Instant heldUntil = Instant.MIN;
    private boolean released;

    public ReleaseLock(KubernetesClient client, String namespace, String target, String identity, Duration duration,
                       Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.name = leaseName(target);
        this.identity = identity;
        this.duration = duration;
        this.clock = clock;
    }

    static String leaseName(String target) {
        String t = target.length() > 200 ? target.substring(0, 200) : target;
        return "flightdeck-" + t;
    }

    public String identity() {
        return identity;
    }

    /** The current holder, if the Lease exists and names one. */
    public Optional<Holder> holder() {
        Lease lease = client.leases().inNamespace(namespace).withName(name).get();
        return holderOf(lease);
    }

    private static Optional<Holder> holderOf(Lease lease) {
        if (lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null
                || lease.getSpec().getHolderIdentity().isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime t = lease.getSpec().getRenewTime() != null ? lease.getSpec().getRenewTime()
                : lease.getSpec().getAcquireTime();
        Instant renewed = t == null ? Instant.EPOCH : t.toInstant();
        int seconds = lease.getSpec().getLeaseDurationSeconds() == null ? 0 : lease.getSpec().getLeaseDurationSeconds();
        return Optional.of(new Holder(lease.getSpec().getHolderIdentity(), renewed, Duration.ofSeconds(seconds)));
    }

    /**
     * Takes the lock: creates the Lease, renews our own, or takes over an expired one when {@code takeover}.
     *
     * @throws LockedException when another identity holds it (or held it and {@code takeover} is false)
     */
    public synchronized void acquire(boolean takeover) {
        released = false;
        Instant now = clock.instant();
        Lease lease = client.leases().inNamespace(namespace).withName(name).get();
        if (lease == null) {
            try {
                client.leases().inNamespace(namespace).resource(new LeaseBuilder().withNewMetadata().withName(name)
                        .withNamespace(namespace).addToLabels(ReleaseJournal.MANAGED_BY, ReleaseJournal.FLIGHTDECK)
                        .endMetadata().withNewSpec().withHolderIdentity(identity)
                        .withLeaseDurationSeconds(seconds()).withAcquireTime(micro(now)).withRenewTime(micro(now))
                        .withLeaseTransitions(0).endSpec().build()).create();
                heldUntil = now.plus(duration);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                lease = client.leases().inNamespace(namespace).withName(name).require();
            }
        }
        Optional<Holder> holder = holderOf(lease);
        boolean ours = holder.isPresent() && holder.get().identity().equals(identity);
        if (holder.isPresent() && !ours && (!holder.get().expired(now) || !takeover)) {
            throw new LockedException(holder.get(), holder.get().expired(now));
        }
        lease.getSpec().setHolderIdentity(identity);
        lease.getSpec().setLeaseDurationSeconds(seconds());
        lease.getSpec().setRenewTime(micro(now));
        if (!ours) {
            lease.getSpec().setAcquireTime(micro(now));
            int transitions = lease.getSpec().getLeaseTransitions() == null ? 0 : lease.getSpec().getLeaseTransitions();
            lease.getSpec().setLeaseTransitions(transitions + 1);
        }
        try {
            client.leases().inNamespace(namespace).resource(lease).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new LockedException(holder().orElse(new Holder("another engine", now, duration)), false);
            }
            throw e;
        }
        heldUntil = now.plus(duration);
    }

    /** Renews the Lease; false (and no longer held) when another identity holds it now, or it was released. */
    public synchronized boolean renew() {
        if (released) {
            return false;
        }
        Instant now = clock.instant();
        Lease lease = client.leases().inNamespace(namespace).withName(name).get();
        Optional<Holder> holder = holderOf(lease);
        if (holder.isEmpty() || !holder.get().identity().equals(identity)) {
            heldUntil = Instant.MIN;
            return false;
        }
        lease.getSpec().setRenewTime(micro(now));
        try {
            client.leases().inNamespace(namespace).resource(lease).update();
            heldUntil = now.plus(duration);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return renew();
            }
            throw e;
        }
    }

    /** Whether the lock is ours until at least now (renewals keep it so). */
    public boolean held() {
        return clock.instant().isBefore(heldUntil);
    }

    /** Deletes the Lease if it is still ours; renewals stop. */
    public synchronized void release() {
        released = true;
        heldUntil = Instant.MIN;
        for (int attempt = 0; attempt < 5; attempt++) {
            Lease lease = client.leases().inNamespace(namespace).withName(name).get();
            Optional<Holder> holder = holderOf(lease);
            if (holder.isEmpty() || !holder.get().identity().equals(identity)) {
                return;
            }
            try {
                client.leases().inNamespace(namespace).withName(name)
                        .lockResourceVersion(lease.getMetadata().getResourceVersion()).delete();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    private int seconds() {
        return (int) Math.max(1, duration.toSeconds());
    }

    static ZonedDateTime micro(Instant t) {
        return t.atZone(ZoneOffset.UTC);
    }
}

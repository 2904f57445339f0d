package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.FieldSelector;
import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.api.LabelSelector;
import io.flightdeck.sandbox.api.ResourceKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The sandbox's etcd and registry in one: objects of every kind, keyed and sorted by namespace/name, with a global
 * resourceVersion, optimistic concurrency, generation, status subresources, finalizers, graceful pod deletion and
 * garbage collection through ownerReferences. Reads take no lock; writes hold one lock briefly so that every change
 * gets the next resourceVersion and reaches the watches in order. A get or an update is a map look-up, whatever the
 * number of objects. Called from HTTP handler threads and the simulated controllers.
 */
public final class ObjectStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ResourceKind, ConcurrentSkipListMap<String, Stored>> tables = new ConcurrentHashMap<>();
    private final OwnerIndex owners = new OwnerIndex();
    private final WatchHub hub;
    private final Supplier<Instant> clock;
    private final List<Admission> admissions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Continuations continuations = new Continuations();
    private volatile long resourceVersion;
    private volatile boolean gracefulPods;

    public ObjectStore(Supplier<Instant> clock, int watchHistory) {
        this.clock = clock;
        this.hub = new WatchHub(watchHistory);
        for (ResourceKind k : Kinds.ALL) {
            tables.put(k, new ConcurrentSkipListMap<>());
        }
    }

    public ObjectStore() {
        this(Instant::now, 100_000);
    }

    public void addAdmission(Admission a) {
        admissions.add(a);
    }

    /** When on, deleting a pod marks it terminating; the kubelet simulation removes it after its grace period. */
    public void setGracefulPods(boolean on) {
        this.gracefulPods = on;
    }

    public long resourceVersion() {
        return resourceVersion;
    }

    public WatchHub watches() {
        return hub;
    }

    public Instant now() {
        return clock.get();
    }

    public Stored get(ResourceKind kind, String namespace, String name) {
        return tables.get(kind).get(Stored.key(ns(kind, namespace), name));
    }

    public Stored require(ResourceKind kind, String namespace, String name) {
        Stored s = get(kind, namespace, name);
        if (s == null) {
            throw ApiException.notFound(kind, name);
        }
        return s;
    }

    public int count(ResourceKind kind) {
        return tables.get(kind).size();
    }

    /** Lists objects of a kind, in one namespace or (namespace null or "") all, a page at a time when limit > 0. */
    public ListResult list(ResourceKind kind, String namespace, LabelSelector labels, FieldSelector fields,
                           int limit, String continueToken) {
        long rv = resourceVersion;
        String after = null;
        if (continueToken != null && !continueToken.isEmpty()) {
            Continuations.Token t = continuations.decode(continueToken);
            after = t.lastKey();
            rv = t.resourceVersion();
        }
        NavigableMap<String, Stored> range = range(kind, namespace);
        if (after != null) {
            range = range.tailMap(after, false);
        }
        String exact = fields.exactName();
        if (exact != null && kind.namespaced() && namespace != null && !namespace.isEmpty()) {
            Stored s = range.get(Stored.key(namespace, exact));
            range = new java.util.TreeMap<>();
            if (s != null) {
                range.put(s.key(), s);
            }
        }
        List<Stored> items = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        for (Stored s : range.values()) {
            if (!labels.matches(s.object()) || !fields.matches(s.object())) {
                continue;
            }
            if (limit > 0 && items.size() == limit) {
                more = true;
                break;
            }
            items.add(s);
            lastKey = s.key();
        }
        String next = more ? continuations.encode(rv, lastKey) : "";
        return new ListResult(items, rv, next, -1);
    }

    /** All objects of a kind in a namespace (or all namespaces when null), unfiltered; for controllers. */
    public java.util.Collection<Stored> all(ResourceKind kind, String namespace) {
        return range(kind, namespace).values();
    }

    public Stored create(ResourceKind kind, String namespace, ObjectNode object, boolean dryRun) {
        lock.lock();
        try {
            String ns = ns(kind, namespace);
            object.put("apiVersion", kind.apiVersion());
            object.put("kind", kind.kind());
            ObjectNode meta = Json.metadata(object);
            String name = meta.path("name").asString();
            if (name.isEmpty()) {
                String prefix = meta.path("generateName").asString();
                if (prefix.isEmpty()) {
                    throw ApiException.invalid(kind, "", "metadata.name: Required value: name or generateName is "
                            + "required");
                }
                name = Names.generate(prefix);
                meta.put("name", name);
            }
            Names.validate(kind, name);
            if (kind.namespaced()) {
                if (get(Kinds.NAMESPACE, "", ns) == null) {
                    throw new ApiException(404, "NotFound", "namespaces \"" + ns + "\" not found",
                            Kinds.NAMESPACE, ns);
                }
                meta.put("namespace", ns);
            } else {
                meta.remove("namespace");
            }
            if (tables.get(kind).containsKey(Stored.key(ns, name))) {
                throw ApiException.alreadyExists(kind, name);
            }
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", Json.time(clock.get()));
            meta.remove("deletionTimestamp");
            meta.remove("deletionGracePeriodSeconds");
            meta.remove("resourceVersion");
            if (kind.hasGeneration()) {
                meta.put("generation", 1);
            }
            if (kind.hasStatus() && kind != Kinds.POD) {
                object.remove("status");
            }
            if (kind == Kinds.NAMESPACE) {
                Json.child(object, "spec").putArray("finalizers").add("kubernetes");
                Json.child(object, "status").put("phase", "Active");
            }
            for (Admission a : admissions) {
                a.admit(Admission.Operation.CREATE, kind, object, null);
            }
            if (dryRun) {
                return new Stored(kind, ns, name, object, resourceVersion);
            }
            return commit(kind, ns, name, object, null, "ADDED");
        } finally {
            lock.unlock();
        }
    }

    /** Replaces an object (PUT), or its status when {@code status} is true; a stale resourceVersion is a 409. */
    public Stored update(ResourceKind kind, String namespace, String name, ObjectNode object, boolean status,
                         boolean dryRun) {
        lock.lock();
        try {
            Stored old = require(kind, namespace, name);
            return replace(old, object, status, dryRun);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes an object by a function of a copy of its current state (a patch, or a controller's edit), atomically:
     * nothing can change it in between. A resourceVersion the function leaves in the object must still be current.
     */
    public Stored modify(ResourceKind kind, String namespace, String name, UnaryOperator<ObjectNode> change,
                         boolean status, boolean dryRun) {
        lock.lock();
        try {
            Stored old = require(kind, namespace, name);
            ObjectNode next = change.apply(old.copy());
            return replace(old, next, status, dryRun);
        } finally {
            lock.unlock();
        }
    }

    private Stored replace(Stored old, ObjectNode object, boolean status, boolean dryRun) {
        ResourceKind kind = old.kind();
        String name = old.name();
        ObjectNode meta = Json.metadata(object);
        String rv = meta.path("resourceVersion").asString();
        if (!rv.isEmpty() && !rv.equals(Long.toString(old.resourceVersion()))) {
            throw ApiException.conflict(kind, name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        String uid = meta.path("uid").asString();
        if (!uid.isEmpty() && !uid.equals(old.uid())) {
            throw ApiException.conflict(kind, name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + old.uid());
        }
        ObjectNode oldObj = old.object();
        object.put("apiVersion", kind.apiVersion());
        object.put("kind", kind.kind());
        ObjectNode next;
        if (status) {
            next = old.copy();
            JsonNode st = object.get("status");
            if (st == null) {
                next.remove("status");
            } else {
                next.set("status", st.deepCopy());
            }
            if (kind == Kinds.DEPLOYMENT) {
                // The apiserver's deployment status strategy keeps everything but spec and labels: the controller
                // writes the revision annotation with its status.
                JsonNode ann = meta.get("annotations");
                ObjectNode nextMeta = Json.metadata(next);
                if (ann == null || ann.isNull()) {
                    nextMeta.remove("annotations");
                } else {
                    nextMeta.set("annotations", ann.deepCopy());
                }
            }
        } else {
            next = object;
            ObjectNode oldMeta = (ObjectNode) oldObj.path("metadata");
            for (String f : List.of("uid", "creationTimestamp", "namespace", "name", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "generation")) {
                if (oldMeta.has(f)) {
                    meta.set(f, oldMeta.get(f).deepCopy());
                } else {
                    meta.remove(f);
                }
            }
            if (kind.hasStatus() && oldObj.has("status")) {
                next.set("status", oldObj.get("status").deepCopy());
            } else if (kind.hasStatus()) {
                next.remove("status");
            }
        }
        for (Admission a : admissions) {
            a.admit(status ? Admission.Operation.UPDATE_STATUS : Admission.Operation.UPDATE, kind, next, old);
        }
        // Compared after defaulting, as the apiserver does: a body without defaults is not a spec change.
        if (!status && kind.hasGeneration() && !Objects.equals(oldObj.get("spec"), next.get("spec"))) {
            Json.metadata(next).put("generation", oldObj.path("metadata").path("generation").asLong(0) + 1);
        }
        Json.metadata(next).put("resourceVersion", Long.toString(old.resourceVersion()));
        if (next.equals(oldObj) || dryRun) {
            return dryRun ? new Stored(kind, old.namespace(), name, next, old.resourceVersion()) : old;
        }
        boolean terminating = next.path("metadata").has("deletionTimestamp");
        if (terminating && next.path("metadata").path("finalizers").isEmpty()
                && !(kind == Kinds.POD && gracefulPods)) {
            return remove(old, DeleteOptions.DEFAULT);
        }
        return commit(kind, old.namespace(), name, next, old, "MODIFIED");
    }

    /**
     * Deletes an object: at once, or by marking it terminating when it has finalizers or is a pod with a grace period.
     * Dependents follow through ownerReferences (background), or lose their reference (Orphan).
     */
    public Stored delete(ResourceKind kind, String namespace, String name, DeleteOptions options) {
        lock.lock();
        try {
            Stored old = require(kind, namespace, name);
            if (options.preconditionUid() != null && !options.preconditionUid().equals(old.uid())) {
                throw ApiException.conflict(kind, name, "Precondition failed: UID in precondition: "
                        + options.preconditionUid() + ", UID in object meta: " + old.uid());
            }
            if (options.preconditionResourceVersion() != null
                    && !options.preconditionResourceVersion().equals(Long.toString(old.resourceVersion()))) {
                throw ApiException.conflict(kind, name, "Precondition failed: ResourceVersion in precondition: "
                        + options.preconditionResourceVersion() + ", ResourceVersion in object meta: "
                        + old.resourceVersion());
            }
            JsonNode meta = old.object().path("metadata");
            boolean hasFinalizers = !meta.path("finalizers").isEmpty() && kind != Kinds.NAMESPACE;
            long grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                    : old.object().path("spec").path("terminationGracePeriodSeconds").asLong(30);
            boolean graceful = kind == Kinds.POD && gracefulPods && grace > 0;
            if (hasFinalizers || graceful) {
                if (meta.has("deletionTimestamp")) {
                    return old;
                }
                ObjectNode next = old.copy();
                ObjectNode m = Json.metadata(next);
                m.put("deletionTimestamp", Json.time(clock.get().plusSeconds(graceful ? grace : 0)));
                m.put("deletionGracePeriodSeconds", graceful ? grace : 0);
                if (kind.hasGeneration()) {
                    m.put("generation", meta.path("generation").asLong(0) + 1);
                }
                return commit(kind, old.namespace(), name, next, old, "MODIFIED");
            }
            return remove(old, options);
        } finally {
            lock.unlock();
        }
    }

    private Stored remove(Stored old, DeleteOptions options) {
        if (old.kind() == Kinds.NAMESPACE) {
            for (ResourceKind k : Kinds.ALL) {
                if (k.namespaced()) {
                    for (Stored s : new ArrayList<>(range(k, old.name()).values())) {
                        remove(s, DeleteOptions.now());
                    }
                }
            }
        }
        tables.get(old.kind()).remove(old.key());
        owners.removeOwned(old);
        long rv = ++resourceVersion;
        ObjectNode gone = old.copy();
        Json.metadata(gone).put("resourceVersion", Long.toString(rv));
        Stored deleted = new Stored(old.kind(), old.namespace(), old.name(), gone, rv);
        hub.publish(new WatchEvent(rv, "DELETED", deleted, old));
        String uid = old.uid();
        boolean orphan = "Orphan".equals(options.propagationPolicy());
        for (Stored dep : owners.dependents(uid, this)) {
            if (orphan) {
                ObjectNode next = dep.copy();
                ObjectNode m = Json.metadata(next);
                m.withArray("ownerReferences").removeIf(r -> uid.equals(r.path("uid").asString()));
                if (m.path("ownerReferences").isEmpty()) {
                    m.remove("ownerReferences");
                }
                commit(dep.kind(), dep.namespace(), dep.name(), next, dep, "MODIFIED");
            } else {
                deleteDependent(dep);
            }
        }
        owners.forgetOwner(uid);
        return deleted;
    }

    private void deleteDependent(Stored dep) {
        Stored current = get(dep.kind(), dep.namespace(), dep.name());
        if (current == null) {
            return;
        }
        delete(dep.kind(), dep.namespace(), dep.name(), DeleteOptions.DEFAULT);
    }

    private Stored commit(ResourceKind kind, String ns, String name, ObjectNode object, Stored old, String type) {
        long rv = ++resourceVersion;
        Json.metadata(object).put("resourceVersion", Long.toString(rv));
        Stored s = new Stored(kind, ns, name, object, rv);
        tables.get(kind).put(s.key(), s);
        owners.update(old, s);
        hub.publish(new WatchEvent(rv, type, s, old));
        return s;
    }

    /**
     * Opens a watch. {@code fromVersion} &lt;= 0 (unset or "0") first sends the current matching objects as ADDED;
     * a positive one replays retained changes after it, or fails with 410 when they are gone.
     */
    public Watch watch(ResourceKind kind, String namespace, LabelSelector labels, FieldSelector fields,
                       long fromVersion, WatchSink sink) {
        lock.lock();
        try {
            String ns = kind.namespaced() && namespace != null && !namespace.isEmpty() ? namespace : null;
            Watch w = new Watch(hub, kind, ns, labels, fields, sink);
            if (fromVersion <= 0) {
                for (Stored s : range(kind, ns).values()) {
                    if (w.matches(s) && !w.offerInitial(s)) {
                        throw new ApiException(500, "InternalError", "watch buffer overflow on initial state");
                    }
                }
            }
            return hub.subscribe(w, fromVersion, resourceVersion);
        } finally {
            lock.unlock();
        }
    }

    /** Fault injection: forget the watch history, so that resuming watches get 410 Gone and clients relist. */
    public void expireWatchHistory() {
        lock.lock();
        try {
            hub.expireHistory(resourceVersion);
        } finally {
            lock.unlock();
        }
    }

    /** Fault injection: end all open watches. */
    public void dropWatches() {
        lock.lock();
        try {
            hub.dropAll();
        } finally {
            lock.unlock();
        }
    }

    private NavigableMap<String, Stored> range(ResourceKind kind, String namespace) {
        ConcurrentSkipListMap<String, Stored> t = tables.get(kind);
        if (!kind.namespaced() || namespace == null || namespace.isEmpty()) {
            return t;
        }
        return t.subMap(namespace + "/", true, namespace + "0", false);
    }

    private static String ns(ResourceKind kind, String namespace) {
        return kind.namespaced() && namespace != null ? namespace : "";
    }
}

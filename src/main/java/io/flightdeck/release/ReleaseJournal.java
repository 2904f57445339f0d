package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.ReleaseEvent;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.WorkloadKey;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release's journal: one ConfigMap per release in the target's namespace, labelled
 * {@code app.kubernetes.io/managed-by: flightdeck} with the target, the release id and whether it is in flight, and
 * holding the plan, the baseline, the state and every event as JSON. Writes carry the resourceVersion last read or
 * written; on a 409 the ConfigMap is read again and the engine's data re-applied onto it (keeping, say, a label someone
 * added), unless another engine has taken the release over meanwhile. One instance per driving engine, used on its
 * thread; the static reads are thread-safe.
 */
public final class ReleaseJournal {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String FLIGHTDECK = "flightdeck";
    public static final String TARGET = "flightdeck.io/target";
    public static final String TARGET_KIND = "flightdeck.io/target-kind";
    public static final String RELEASE = "flightdeck.io/release";
    public static final String IN_FLIGHT = "flightdeck.io/in-flight";
    static final int MAX_EVENTS = 2000;
    private static final int RETRIES = 8;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private String resourceVersion;
    private ConfigMap last;
    private int conflicts;

    ReleaseJournal(KubernetesClient client, String namespace, String name, String resourceVersion) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.resourceVersion = resourceVersion;
    }

    static String configMapName(String target, String id) {
        String t = target.length() > 200 ? target.substring(0, 200) : target;
        return "flightdeck-release-" + t + "-" + id;
    }

    static String labelValue(String s) {
        String v = s.length() > 63 ? s.substring(0, 63) : s;
        return v.replaceAll("[^A-Za-z0-9]+$", "");
    }

    /** Creates the journal of a new release; a 409 (AlreadyExists) propagates. */
    static ReleaseJournal create(KubernetesClient client, JournalRecord r) {
        String ns = r.plan().target().namespace();
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata()
                .withName(configMapName(r.plan().target().name(), r.id())).withNamespace(ns)
                .withLabels(labels(r)).addToAnnotations(TARGET, r.plan().target().name()).endMetadata()
                .withData(data(r)).build();
        ConfigMap created = client.configMaps().inNamespace(ns).resource(cm).create();
        return new ReleaseJournal(client, ns, created.getMetadata().getName(),
                created.getMetadata().getResourceVersion());
    }

    /** Opens an existing journal for writing, from its current version. */
    static ReleaseJournal open(KubernetesClient client, String namespace, String name) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).require();
        return new ReleaseJournal(client, namespace, name, cm.getMetadata().getResourceVersion());
    }

    private static Map<String, String> labels(JournalRecord r) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, FLIGHTDECK);
        labels.put(TARGET, labelValue(r.plan().target().name()));
        labels.put(TARGET_KIND, "Deployment");
        labels.put(RELEASE, r.id());
        labels.put(IN_FLIGHT, Boolean.toString(!r.state().phase().terminal()));
        return labels;
    }

    static Map<String, String> data(JournalRecord r) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("id", r.id());
        data.put("started", r.started().toString());
        data.put("plan.json", Serialization.asJson(r.plan()));
        data.put("baseline.json", Serialization.asJson(r.baseline()));
        data.put("state.json", Serialization.asJson(r.state()));
        List<ReleaseEvent> events = r.events();
        if (events.size() > MAX_EVENTS) {
            events = events.subList(events.size() - MAX_EVENTS, events.size());
        }
        data.put("events.json", Serialization.asJson(events));
        return data;
    }

    /**
     * Writes the record over the journal with the resourceVersion of our last read or write. On a 409 the ConfigMap
     * is read again and our data and labels re-applied onto it (someone's added label stays), then written again.
     * Returns false, writing nothing, when the journal on the cluster was last written by another engine
     * ({@code state.driver}): the release was taken over.
     */
    boolean write(JournalRecord r) {
        ConfigMap cm = last != null ? last : client.configMaps().inNamespace(namespace).withName(name).require();
        cm.getMetadata().setResourceVersion(resourceVersion);
        for (int attempt = 0; ; attempt++) {
            Map<String, String> labels = new LinkedHashMap<>(cm.getMetadata().getLabels() == null ? Map.of()
                    : cm.getMetadata().getLabels());
            labels.putAll(labels(r));
            cm.getMetadata().setLabels(labels);
            cm.setData(data(r));
            try {
                last = client.configMaps().inNamespace(namespace).resource(cm).update();
                resourceVersion = last.getMetadata().getResourceVersion();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= RETRIES) {
                    throw e;
                }
                conflicts++;
                cm = client.configMaps().inNamespace(namespace).withName(name).get();
                if (cm == null) {
                    throw new IllegalStateException("the journal ConfigMap " + namespace + "/" + name + " is gone");
                }
                if (!parse(cm).state().driver().equals(r.state().driver())) {
                    return false;
                }
                resourceVersion = cm.getMetadata().getResourceVersion();
            }
        }
    }

    /** How many writes met a 409 and were re-applied on a fresh read. */
    int conflicts() {
        return conflicts;
    }

    String name() {
        return name;
    }

    /** Reads one journal. */
    static JournalRecord read(KubernetesClient client, String namespace, String name) {
        return parse(client.configMaps().inNamespace(namespace).withName(name).require());
    }

    static JournalRecord parse(ConfigMap cm) {
        Map<String, String> d = cm.getData();
        ReleasePlan plan = Serialization.unmarshal(d.get("plan.json"), ReleasePlan.class);
        Baseline baseline = Serialization.unmarshal(d.get("baseline.json"), Baseline.class);
        JournalState state = Serialization.unmarshal(d.get("state.json"), JournalState.class);
        List<ReleaseEvent> events = Serialization.unmarshal(d.get("events.json"),
                new TypeReference<List<ReleaseEvent>>() { });
        return new JournalRecord(d.get("id"), Instant.parse(d.get("started")), plan, baseline, state, events);
    }

    /** The journals in a namespace (null: all namespaces), oldest first; only those in flight when asked. */
    static List<Entry> list(KubernetesClient client, String namespace, boolean inFlightOnly) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(MANAGED_BY, FLIGHTDECK);
        if (inFlightOnly) {
            selector.put(IN_FLIGHT, "true");
        }
        return list(client, namespace, selector);
    }

    /** Every journal of releases of one Deployment, finished ones included, oldest first. */
    static List<Entry> list(KubernetesClient client, WorkloadKey target) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(MANAGED_BY, FLIGHTDECK);
        selector.put(TARGET, labelValue(target.name()));
        return list(client, target.namespace(), selector).stream()
                .filter(e -> e.record().plan().target().equals(target)).toList();
    }

    private static List<Entry> list(KubernetesClient client, String namespace, Map<String, String> selector) {
        List<ConfigMap> items = namespace == null
                ? client.configMaps().inAnyNamespace().withLabels(selector).list().getItems()
                : client.configMaps().inNamespace(namespace).withLabels(selector).list().getItems();
        List<Entry> entries = new ArrayList<>();
        for (ConfigMap cm : items) {
            if (cm.getData() == null || !cm.getData().containsKey("state.json")) {
                continue;
            }
            entries.add(new Entry(cm.getMetadata().getNamespace(), cm.getMetadata().getName(), parse(cm)));
        }
        entries.sort(Comparator.comparing(e -> e.record().started()));
        return entries;
    }

    /** A journal found in the cluster: where it is, and what it holds. */
    record Entry(String namespace, String configMap, JournalRecord record) {
    }
}

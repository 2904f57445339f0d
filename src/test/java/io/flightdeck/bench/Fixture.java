package io.flightdeck.bench;

import io.flightdeck.sandbox.api.Json;
import io.flightdeck.sandbox.api.Kinds;
import io.flightdeck.sandbox.store.ObjectStore;
import io.flightdeck.sandbox.store.Stored;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds a store with many Deployments, each with one ReplicaSet and its running, ready pods, written straight into
 * the store (no controllers), as benchmark load. Namespaces bench-0 .. bench-9.
 */
final class Fixture {

    private Fixture() {
    }

    static void seed(ObjectStore store, int deployments, int podsPer) {
        for (int n = 0; n < 10; n++) {
            ObjectNode ns = Json.object();
            Json.metadata(ns).put("name", "bench-" + n);
            store.create(Kinds.NAMESPACE, "", ns, false);
        }
        for (int d = 0; d < deployments; d++) {
            String ns = "bench-" + (d % 10);
            String app = "app" + d;
            Stored dep = store.create(Kinds.DEPLOYMENT, ns, object(app, app, null, """
                    {"spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                     "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"containers":[{"name":"app","image":"shop/%s:1.0"}]}}}}
                    """.formatted(podsPer, app, app, app)), false);
            Stored rs = store.create(Kinds.REPLICA_SET, ns, object(app + "-abc", app, dep, """
                    {"spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                     "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"containers":[{"name":"app","image":"shop/%s:1.0"}]}}}}
                    """.formatted(podsPer, app, app, app)), false);
            for (int p = 0; p < podsPer; p++) {
                store.create(Kinds.POD, ns, object(app + "-pod" + p, app, rs, """
                        {"spec":{"nodeName":"sandbox-node-1","containers":[{"name":"app","image":"shop/%s:1.0",
                         "readinessProbe":{"httpGet":{"path":"/ready","port":8080},"periodSeconds":10}}]},
                         "status":{"phase":"Running","podIP":"10.244.0.1","conditions":[{"type":"Ready",
                         "status":"True"}],"containerStatuses":[{"name":"app","ready":true,"restartCount":0,
                         "image":"shop/%s:1.0","state":{"running":{}}}]}}
                        """.formatted(app, app)), false);
            }
        }
    }

    private static ObjectNode object(String name, String app, Stored owner, String body) {
        ObjectNode o = Json.parseObject(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode meta = Json.metadata(o);
        meta.put("name", name);
        meta.putObject("labels").put("app", app);
        if (owner != null) {
            ObjectNode ref = meta.putArray("ownerReferences").addObject();
            ref.put("apiVersion", owner.kind().apiVersion());
            ref.put("kind", owner.kind().kind());
            ref.put("name", owner.name());
            ref.put("uid", owner.uid());
            ref.put("controller", true);
        }
        return o;
    }
}

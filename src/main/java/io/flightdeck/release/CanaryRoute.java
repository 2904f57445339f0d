package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTPRoute side of a canary. Two Services are created beside the target Service: {@code <svc>-stable}, its
 * selector pinned to the stable ReplicaSet's pod-template-hash, and {@code <svc>-canary}, selecting the canary track.
 * In every rule of the route, the backend that pointed at the target Service is replaced by the two, weighted
 * (100 - w) : w times its old weight (other backends' weights times 100, so their share stays). Restoring puts the
 * route's rules back exactly as they were and deletes the two Services. The sandbox stores HTTPRoutes but does not
 * route by them yet. Engine thread.
 */
final class CanaryRoute {

    private CanaryRoute() {
    }

    static String stableService(Baseline b) {
        return b.service() + "-stable";
    }

    static String canaryService(Baseline b) {
        return b.service() + "-canary";
    }

    /** Creates the stable and canary Services and points the route at them with weight 0. */
    static StepResult prepare(StepContext ctx) {
        Baseline b = ctx.baseline();
        Map<String, String> stable = new LinkedHashMap<>(b.serviceSelector());
        stable.put(Templates.HASH_LABEL, b.stableHash());
        Map<String, String> canary = new LinkedHashMap<>(b.serviceSelector());
        canary.put(Steps.TRACK, CanaryStrategy.TRACK);
        StepResult r = ensureService(ctx, stableService(b), stable);
        if (r != null) {
            return r;
        }
        r = ensureService(ctx, canaryService(b), canary);
        if (r != null) {
            return r;
        }
        return weigh(ctx, 0);
    }

    private static StepResult ensureService(StepContext ctx, String name, Map<String, String> selector) {
        Service existing = ctx.kube().service(name);
        if (existing != null) {
            return Steps.ownedBy(existing.getMetadata().getLabels(), ctx.releaseId()) ? null
                    : new StepResult.Failed("Service " + name + " already exists and is not part of release "
                    + ctx.releaseId());
        }
        ctx.kube().createService(service(ctx, ctx.baseline().service(), name, selector));
        ctx.event("create", "ok", Map.of("service", name, "selector", selector.toString()));
        return null;
    }

    /** A Service like {@code template} (its ports), with another name and selector, labelled as the release's. */
    static Service service(StepContext ctx, String template, String name, Map<String, String> selector) {
        Service t = ctx.kube().service(template);
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(ctx.kube().namespace())
                .withLabels(ctx.ownedLabels()).endMetadata().withNewSpec().withType("ClusterIP")
                .withSelector(selector).withPorts(Serialization.clone(t).getSpec().getPorts()).endSpec().build();
    }

    /** Sets the route's weights to (100 - weight) : weight. */
    static StepResult weigh(StepContext ctx, int weight) {
        return setRules(ctx, weighted(ctx.baseline(), ctx.kube().namespace(), weight), "weight " + weight + "%");
    }

    /** Weight 0, if the route was ever pointed at the canary. */
    static StepResult zero(StepContext ctx) {
        Baseline b = ctx.baseline();
        if (ctx.kube().service(stableService(b)) == null) {
            return new StepResult.Done("route never split");
        }
        return weigh(ctx, 0);
    }

    /** The route's rules as before the release; then the two Services are deleted. */
    static StepResult restore(StepContext ctx) {
        Baseline b = ctx.baseline();
        StepResult r = setRules(ctx, b.routeRules(), "rules restored");
        if (!(r instanceof StepResult.Done)) {
            return r;
        }
        for (String name : List.of(stableService(b), canaryService(b))) {
            Service s = ctx.kube().service(name);
            if (s != null && Steps.ownedBy(s.getMetadata().getLabels(), ctx.releaseId())) {
                ctx.kube().deleteService(name);
                ctx.event("delete", "ok", Map.of("service", name));
            }
        }
        return new StepResult.Done("route restored");
    }

    private static StepResult setRules(StepContext ctx, List<HTTPRouteRule> rules, String what) {
        Baseline b = ctx.baseline();
        HTTPRoute route = ctx.kube().route(b.route());
        if (route == null) {
            return new StepResult.Failed("HTTPRoute " + b.route() + " is gone");
        }
        if (Objects.equals(Templates.tree(route.getSpec().getRules()), Templates.tree(rules))) {
            return new StepResult.Done(what);
        }
        ctx.kube().patchRoute(b.route(), Kube.op(Kube.guardedPatch(route), "replace", "/spec/rules", rules));
        ctx.event("route", "ok", Map.of("route", b.route(), "change", what));
        return new StepResult.Done(what);
    }

    static List<HTTPRouteRule> weighted(Baseline b, String namespace, int weight) {
        List<HTTPRouteRule> rules = new ArrayList<>();
        for (HTTPRouteRule original : b.routeRules()) {
            HTTPRouteRule rule = Serialization.clone(original);
            if (rule.getBackendRefs() == null || rule.getBackendRefs().stream()
                    .noneMatch(ref -> Baseline.isService(ref, b.service(), namespace))) {
                rules.add(rule);
                continue;
            }
            List<HTTPBackendRef> refs = new ArrayList<>();
            for (HTTPBackendRef ref : rule.getBackendRefs()) {
                int w = ref.getWeight() == null ? 1 : ref.getWeight();
                if (Baseline.isService(ref, b.service(), namespace)) {
                    HTTPBackendRef stable = Serialization.clone(ref);
                    stable.setName(stableService(b));
                    stable.setWeight(w * (100 - weight));
                    HTTPBackendRef canary = Serialization.clone(ref);
                    canary.setName(canaryService(b));
                    canary.setWeight(w * weight);
                    refs.add(stable);
                    refs.add(canary);
                } else {
                    HTTPBackendRef other = Serialization.clone(ref);
                    other.setWeight(w * 100);
                    refs.add(other);
                }
            }
            rule.setBackendRefs(refs);
            rules.add(rule);
        }
        return rules;
    }
}

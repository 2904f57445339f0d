package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.StrategyKind;

import java.util.List;
import java.util.Map;

/**
 * Everything a release may change, as it was before the release started, kept in the journal so that any engine can
 * put it back exactly: the Deployment's revision, pod-template-hash, replicas, paused flag, strategy, annotations and
 * template; the desired template (computed once, so every run of a step aims at the same one); the Service the
 * strategy switches or splits and its selector; a preview Service's selector (null when it did not exist); an
 * HTTPRoute routing to the Service and its rules. Immutable.
 */
public record Baseline(long revision, String stableHash, int replicas, Boolean paused, DeploymentStrategy strategy,
                       Map<String, String> annotations, PodTemplateSpec template, PodTemplateSpec desired,
                       String service, Map<String, String> serviceSelector, String preview,
                       Map<String, String> previewSelector, String route, List<HTTPRouteRule> routeRules) {

    /** Reads the current objects of the plan's target; throws IllegalStateException when they are not usable. */
    static Baseline capture(Kube kube, ReleasePlan plan) {
        String name = plan.target().name();
        Deployment d = kube.requireDeployment(name);
        PodTemplateSpec template = d.getSpec().getTemplate();
        ReplicaSet current = kube.replicaSetFor(d, template).orElseThrow(() -> new IllegalStateException(
                "Deployment " + plan.target() + " has no ReplicaSet for its template yet; wait for its rollout"));
        PodTemplateSpec desired = Templates.desired(template, plan.change());
        if (Templates.equalIgnoringHash(template, desired)) {
            throw new IllegalArgumentException("the change leaves Deployment " + plan.target() + " as it is");
        }
        StrategyKind kind = plan.strategy().kind();
        String service = "";
        Map<String, String> selector = null;
        String preview = "";
        Map<String, String> previewSelector = null;
        String route = "";
        List<HTTPRouteRule> rules = null;
        if (kind != StrategyKind.ROLLING) {
            service = plan.strategy().activeService().isEmpty() ? name : plan.strategy().activeService();
            Service s = kube.service(service);
            if (s == null && kind == StrategyKind.BLUE_GREEN) {
                throw new IllegalStateException("blue/green needs the active Service " + kube.namespace() + "/"
                        + service + "; it does not exist");
            }
            selector = s == null ? null : Map.copyOf(s.getSpec().getSelector());
            if (s == null) {
                service = "";
            }
        }
        if (kind == StrategyKind.BLUE_GREEN && !plan.strategy().previewService().isEmpty()) {
            preview = plan.strategy().previewService();
            Service p = kube.service(preview);
            previewSelector = p == null ? null : Map.copyOf(p.getSpec().getSelector());
        }
        if (kind == StrategyKind.CANARY && !service.isEmpty()) {
            for (HTTPRoute r : kube.routes()) {
                if (routesTo(r, service)) {
                    route = r.getMetadata().getName();
                    rules = Serialization.clone(r).getSpec().getRules();
                    break;
                }
            }
        }
        return new Baseline(Kube.revision(current), Kube.hash(current), d.getSpec().getReplicas(),
                d.getSpec().getPaused(), d.getSpec().getStrategy(),
                d.getMetadata().getAnnotations() == null ? Map.of() : Map.copyOf(d.getMetadata().getAnnotations()),
                template, desired, service, selector, preview, previewSelector, route, rules);
    }

    static boolean routesTo(HTTPRoute r, String service) {
        if (r.getSpec() == null || r.getSpec().getRules() == null) {
            return false;
        }
        for (HTTPRouteRule rule : r.getSpec().getRules()) {
            if (rule.getBackendRefs() != null) {
                for (HTTPBackendRef ref : rule.getBackendRefs()) {
                    if (isService(ref, service, r.getMetadata().getNamespace())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isService(HTTPBackendRef ref, String service, String namespace) {
        boolean core = ref.getGroup() == null || ref.getGroup().isEmpty();
        boolean kind = ref.getKind() == null || ref.getKind().equals("Service");
        boolean ns = ref.getNamespace() == null || ref.getNamespace().equals(namespace);
        return core && kind && ns && service.equals(ref.getName());
    }

    public boolean hasRoute() {
        return route != null && !route.isEmpty();
    }
}

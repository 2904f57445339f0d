package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.model.ReleasePlan;
import io.flightdeck.model.StrategyKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is checked before a release changes anything: a SelfSubjectAccessReview for every verb the plan needs (a
 * missing one is named), and labels or annotations showing that Argo CD, Flux or Helm manages the Deployment, which
 * may revert the release or report drift (a warning, not a refusal). Stateless apart from the client; caller's thread.
 */
public final class Preflight {

    /** One permission: verb, resource, API group ("" for core). */
    public record Permission(String verb, String resource, String group) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? resource : resource + "." + group);
        }
    }

    /** What the checks found. */
    public record Report(List<String> missing, List<String> warnings) {
        public Report {
            missing = List.copyOf(missing);
            warnings = List.copyOf(warnings);
        }

        public boolean allowed() {
            return missing.isEmpty();
        }
    }

    private static final String APPS = "apps";
    private static final String COORDINATION = "coordination.k8s.io";
    private static final String GATEWAY = "gateway.networking.k8s.io";

    private Preflight() {
    }

    /** The permissions a plan needs in its namespace. */
    public static List<Permission> permissions(ReleasePlan plan) {
        List<Permission> p = new ArrayList<>();
        for (String verb : List.of("get", "patch")) {
            p.add(new Permission(verb, "deployments", APPS));
        }
        p.add(new Permission("list", "replicasets", APPS));
        for (String verb : List.of("get", "list", "create", "update")) {
            p.add(new Permission(verb, "configmaps", ""));
        }
        for (String verb : List.of("get", "create", "update", "delete")) {
            p.add(new Permission(verb, "leases", COORDINATION));
        }
        StrategyKind kind = plan.strategy().kind();
        if (kind != StrategyKind.ROLLING) {
            p.add(new Permission("create", "deployments", APPS));
            p.add(new Permission("delete", "deployments", APPS));
            p.add(new Permission("list", "pods", ""));
            p.add(new Permission("get", "services", ""));
        }
        if (kind == StrategyKind.BLUE_GREEN) {
            p.add(new Permission("patch", "services", ""));
            if (!plan.strategy().previewService().isEmpty()) {
                p.add(new Permission("create", "services", ""));
                p.add(new Permission("delete", "services", ""));
            }
        }
        if (kind == StrategyKind.CANARY) {
            p.add(new Permission("list", "httproutes", GATEWAY));
        }
        return p;
    }

    /** Extra permissions a canary needs when an HTTPRoute routes to its Service. */
    static List<Permission> routePermissions() {
        return List.of(new Permission("get", "httproutes", GATEWAY), new Permission("patch", "httproutes", GATEWAY),
                new Permission("create", "services", ""), new Permission("delete", "services", ""));
    }

    /** Asks the API server, for each permission, whether the current user has it in the namespace. */
    public static List<String> missing(KubernetesClient client, String namespace, List<Permission> permissions) {
        List<String> missing = new ArrayList<>();
        for (Permission p : permissions) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                    .withNewResourceAttributes().withNamespace(namespace).withVerb(p.verb())
                    .withResource(p.resource()).withGroup(p.group()).endResourceAttributes().endSpec().build();
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
            if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
                missing.add(p + " in " + namespace);
            }
        }
        return missing;
    }

    /** Warnings for a Deployment that a GitOps tool or Helm manages. */
    public static List<String> gitOpsWarnings(Deployment d) {
        Map<String, String> labels = d.getMetadata().getLabels() == null ? Map.of() : d.getMetadata().getLabels();
        Map<String, String> annotations = d.getMetadata().getAnnotations() == null ? Map.of()
                : d.getMetadata().getAnnotations();
        String name = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
        List<String> warnings = new ArrayList<>();
        String argo = labels.getOrDefault("argocd.argoproj.io/instance",
                annotations.get("argocd.argoproj.io/tracking-id"));
        if (argo != null) {
            warnings.add(name + " is managed by Argo CD (" + argo + "): a sync may revert this release, and the"
                    + " application will show drift until its source is updated");
        }
        String flux = labels.get("kustomize.toolkit.fluxcd.io/name");
        if (flux != null) {
            warnings.add(name + " is managed by the Flux Kustomization " + flux + ": its next reconciliation may"
                    + " revert this release");
        }
        String fluxHelm = labels.get("helm.toolkit.fluxcd.io/name");
        if (fluxHelm != null) {
            warnings.add(name + " is managed by the Flux HelmRelease " + fluxHelm + ": its next reconciliation may"
                    + " revert this release");
        }
        boolean helm = "Helm".equals(labels.get("app.kubernetes.io/managed-by")) || labels.containsKey("helm.sh/chart");
        if (helm && fluxHelm == null) {
            String release = labels.getOrDefault("app.kubernetes.io/instance",
                    annotations.getOrDefault("meta.helm.sh/release-name", "?"));
            warnings.add(name + " is managed by Helm (release " + release + "): the next helm upgrade will"
                    + " overwrite this release");
        }
        return warnings;
    }
}

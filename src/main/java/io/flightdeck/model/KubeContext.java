package io.flightdeck.model;

/**
 * One context of the user's kubeconfig, as a cluster chooser lists it: its name, cluster and API server, the
 * namespace it defaults to, its user, and how that user authenticates, without any secret. Immutable.
 *
 * @param name        the context name
 * @param cluster     the name of the context's cluster entry
 * @param server      the API server URL, or "" when the cluster entry is missing
 * @param namespace   the context's namespace, or "default" when it sets none (as kubectl does)
 * @param user        the name of the context's user entry, or ""
 * @param credentials how the user authenticates, e.g. "token", "exec: aws", "client certificate", "auth provider:
 *                    oidc", "none"; never the secret itself
 * @param insecure    whether the cluster entry turns TLS verification off (insecure-skip-tls-verify)
 * @param current     whether this is the kubeconfig's current-context
 */
public record KubeContext(String name, String cluster, String server, String namespace, String user,
                          String credentials, boolean insecure, boolean current) {
}

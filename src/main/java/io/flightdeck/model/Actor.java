package io.flightdeck.model;

/**
 * Who did something in a release: the kubeconfig user, the operating-system user and the host they worked on.
 * Immutable.
 */
public record Actor(String kubeUser, String osUser, String host) {

    public Actor {
        kubeUser = kubeUser == null || kubeUser.isBlank() ? "unknown" : kubeUser;
        osUser = osUser == null || osUser.isBlank() ? "unknown" : osUser;
        host = host == null || host.isBlank() ? "unknown" : host;
    }

    @Override
    public String toString() {
        return kubeUser + " (" + osUser + "@" + host + ")";
    }
}

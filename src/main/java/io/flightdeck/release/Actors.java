package io.flightdeck.release;

import io.fabric8.kubernetes.client.Config;
import io.flightdeck.model.Actor;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who the local operator is: the kubeconfig user of the client's context, the OS user and the host. */
public final class Actors {

    private Actors() {
    }

    public static Actor detect(Config config) {
        String kubeUser = null;
        if (config.getCurrentContext() != null && config.getCurrentContext().getContext() != null) {
            kubeUser = config.getCurrentContext().getContext().getUser();
        }
        if (kubeUser == null || kubeUser.isBlank()) {
            kubeUser = config.getUsername();
        }
        if (kubeUser == null || kubeUser.isBlank()) {
            kubeUser = config.getAutoOAuthToken() != null || config.getOauthToken() != null ? "token user" : null;
        }
        return new Actor(kubeUser, System.getProperty("user.name"), host());
    }

    static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

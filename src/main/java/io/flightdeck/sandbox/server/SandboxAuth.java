package io.flightdeck.sandbox.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer-token authentication for the sandbox: each token names a user; a revoked or unknown token is refused with
 * 401, as an expired token is by a real cluster. A request without credentials is the anonymous user, whom the
 * sandbox's policy treats like anyone else: the sandbox serves plain HTTP on loopback, and kubectl sends no bearer
 * token over plain HTTP. Read by request threads, changed from any thread.
 */
public final class SandboxAuth {

    public static final String ADMIN_TOKEN = "sandbox-admin-token";
    public static final String ADMIN_USER = "sandbox-admin";
    public static final String ANONYMOUS = "system:anonymous";

    private final Map<String, String> users = new ConcurrentHashMap<>(Map.of(ADMIN_TOKEN, ADMIN_USER));

    public void addToken(String token, String user) {
        users.put(token, user);
    }

    /** Makes a token invalid from now on, as when it expires. */
    public void revoke(String token) {
        users.remove(token);
    }

    /** The user of an {@code Authorization} header value, or empty when it does not authenticate. */
    Optional<String> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(ANONYMOUS);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(users.get(authorization.substring(7).trim()));
    }
}

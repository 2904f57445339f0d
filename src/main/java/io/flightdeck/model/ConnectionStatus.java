package io.flightdeck.model;

import java.time.Instant;

/**
 * The state of the connection to the cluster as the banner shows it: connecting, connected, reconnecting (since
 * when), forbidden (which verb on which resource, in which namespace), or unreachable (the underlying error in plain
 * words, with the server address). Immutable.
 */
public record ConnectionStatus(State state, String cluster, String detail, Instant since) {

    public enum State { CONNECTING, CONNECTED, RECONNECTING, FORBIDDEN, UNREACHABLE }
}

package io.flightdeck.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Why a list or watch failed, in the words the connection banner shows: a forbidden verb on a resource in a
 * namespace (from the API server's 403), rejected credentials (401), or an unreachable server (connection refused,
 * unknown host, TLS failure, timeout) instead of a stack trace. Built by {@link #of} from any thread. Immutable.
 *
 * @param kind what went wrong
 * @param text one line for the user, e.g. "list pods in namespace payments" or "connection refused"
 */
public record ConnectionProblem(Kind kind, String text) {

    public enum Kind { FORBIDDEN, UNAUTHORIZED, UNREACHABLE, OTHER }

    private static final Pattern FORBIDDEN_MESSAGE = Pattern.compile(
            "cannot (\\S+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?"
                    + "(?: in the namespace \"([^\"]+)\"| at the cluster scope)?");

    /**
     * Classifies a failure of a list or watch of {@code resource} (plural, e.g. "pods") in {@code namespace} (null for
     * all namespaces) against the server at {@code server}.
     */
    public static ConnectionProblem of(Throwable error, String resource, String namespace, String server) {
        Throwable t = unwrap(error);
        if (t instanceof KubernetesClientException k && k.getCode() > 0) {
            return http(k, resource, namespace);
        }
        return new ConnectionProblem(network(t) ? Kind.UNREACHABLE : Kind.OTHER, plainWords(t, server));
    }

    private static ConnectionProblem http(KubernetesClientException k, String resource, String namespace) {
        String message = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                : String.valueOf(k.getMessage());
        return switch (k.getCode()) {
            case 403 -> new ConnectionProblem(Kind.FORBIDDEN, forbidden(message, resource, namespace));
            case 401 -> new ConnectionProblem(Kind.UNAUTHORIZED,
                    "the server rejected the credentials (401 Unauthorized): log in again or renew the token");
            default -> new ConnectionProblem(Kind.OTHER, "HTTP " + k.getCode() + " from the server: " + message);
        };
    }

    /** "list pods in namespace payments", from the API server's message where it names them, else from the watch. */
    static String forbidden(String message, String resource, String namespace) {
        Matcher m = FORBIDDEN_MESSAGE.matcher(message == null ? "" : message);
        if (m.find()) {
            String group = m.group(3) == null || m.group(3).isEmpty() ? "" : "." + m.group(3);
            String where = m.group(4) != null ? "in namespace " + m.group(4)
                    : "in all namespaces (cluster scope)";
            return m.group(1) + " " + m.group(2) + group + " " + where;
        }
        return "list/watch " + resource + " " + (namespace == null ? "in all namespaces (cluster scope)"
                : "in namespace " + namespace);
    }

    private static boolean network(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException || c instanceof TimeoutException
                    || c instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** The underlying error in a few plain words, with the host and port where they help. */
    static String plainWords(Throwable error, String server) {
        String hostPort = hostPort(server);
        String certificate = null;
        boolean tls = false;
        for (Throwable c = error; c != null; c = c.getCause()) {
            String msg = String.valueOf(c.getMessage());
            String lower = msg.toLowerCase(Locale.ROOT);
            if (c instanceof UnknownHostException) {
                return "unknown host " + host(server) + " (the name does not resolve)";
            }
            if (c instanceof ConnectException && lower.contains("refused")) {
                return "connection refused by " + hostPort + " (nothing listens there)";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host " + hostPort;
            }
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException || lower.contains("timed out")
                    || lower.contains("timeout period")) {
                return lower.contains("connect") ? "timed out connecting to " + hostPort
                        : "no answer from " + hostPort + " in time (the request timed out)";
            }
            if (c instanceof SSLException || c.getClass().getName().endsWith("NotSslRecordException")) {
                tls = true;
                if (c.getClass().getName().endsWith("NotSslRecordException")) {
                    return "TLS failure: " + hostPort + " does not answer with TLS (is it plain http?)";
                }
            }
            if (c instanceof CertificateException || lower.contains("pkix path")
                    || lower.contains("subject alternative name")) {
                certificate = lower;
            }
        }
        if (certificate != null) {
            if (certificate.contains("subject alternative name") || certificate.contains("no name matching")) {
                return "TLS failure: the server's certificate is not issued for " + host(server);
            }
            if (certificate.contains("expired") || certificate.contains("not yet valid")) {
                return "TLS failure: the server's certificate has expired or is not yet valid";
            }
            return "TLS failure: the server's certificate is not trusted (unknown certificate authority)";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return (tls ? "TLS failure: " : "") + why;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof WatcherException w) {
            return w.asClientException();
        }
        return c;
    }

    static String hostPort(String server) {
        try {
            URI uri = URI.create(server);
            int port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
            return uri.getHost() == null ? server : uri.getHost() + ":" + port;
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(server);
        }
    }

    private static String host(String server) {
        try {
            String host = URI.create(server).getHost();
            return host == null ? String.valueOf(server) : host;
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(server);
        }
    }
}

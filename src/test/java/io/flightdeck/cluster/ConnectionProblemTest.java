package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Failures of lists and watches in the banner's plain words, never a stack trace. */
class ConnectionProblemTest {

    static final String SERVER = "https://kube.example:6443";

    @Test
    void aForbiddenListNamesVerbResourceAndNamespace() {
        var e = http(403, "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the"
                + " namespace \"payments\"");
        assertEquals(new ConnectionProblem(ConnectionProblem.Kind.FORBIDDEN, "list pods in namespace payments"),
                ConnectionProblem.of(new CompletionException(e), "pods", "payments", SERVER));
    }

    @Test
    void aForbiddenClusterWideWatchOfAGroupedResource() {
        var e = http(403, "deployments.apps is forbidden: User \"jane\" cannot watch resource \"deployments\" in API"
                + " group \"apps\" at the cluster scope");
        assertEquals("watch deployments.apps in all namespaces (cluster scope)",
                ConnectionProblem.of(e, "deployments", null, SERVER).text());
    }

    @Test
    void aForbiddenWithoutTheUsualMessageFallsBackToTheWatch() {
        assertEquals("list/watch events in namespace shop",
                ConnectionProblem.of(http(403, "no"), "events", "shop", SERVER).text());
    }

    @Test
    void rejectedCredentials() {
        ConnectionProblem p = ConnectionProblem.of(http(401, "Unauthorized"), "pods", null, SERVER);
        assertEquals(ConnectionProblem.Kind.UNAUTHORIZED, p.kind());
        assertEquals("the server rejected the credentials (401 Unauthorized): log in again or renew the token",
                p.text());
    }

    @Test
    void networkFailuresInPlainWords() {
        assertEquals("connection refused by kube.example:6443 (nothing listens there)",
                unreachable(new ConnectException("Connection refused")));
        assertEquals("unknown host kube.example (the name does not resolve)",
                unreachable(new UnknownHostException("kube.example: Name or service not known")));
        assertEquals("timed out connecting to kube.example:6443",
                unreachable(new SocketTimeoutException("connect timed out")));
        assertEquals("TLS failure: the server's certificate is not trusted (unknown certificate authority)",
                unreachable(new SSLHandshakeException("Failed to create SSL connection", new CertificateException(
                        "PKIX path building failed: unable to find valid certification path to requested target"))));
        assertEquals("TLS failure: the server's certificate is not issued for kube.example",
                unreachable(new SSLHandshakeException("Failed", new CertificateException(
                        "No subject alternative names matching IP address 10.0.0.1 found"))));
    }

    @Test
    void anHttpErrorIsNeitherForbiddenNorUnreachable() {
        ConnectionProblem p = ConnectionProblem.of(http(500, "etcd is down"), "pods", null, SERVER);
        assertEquals(new ConnectionProblem(ConnectionProblem.Kind.OTHER, "HTTP 500 from the server: etcd is down"), p);
    }

    @Test
    void hostAndPortDefaultByScheme() {
        assertEquals("kube.example:443", ConnectionProblem.hostPort("https://kube.example"));
        assertEquals("127.0.0.1:80", ConnectionProblem.hostPort("http://127.0.0.1"));
    }

    private static String unreachable(Exception cause) {
        ConnectionProblem p = ConnectionProblem.of(new CompletionException(new KubernetesClientException(
                "Failure executing: GET at: " + SERVER + "/api/v1/pods", cause)), "pods", null, SERVER);
        assertEquals(ConnectionProblem.Kind.UNREACHABLE, p.kind(), p.text());
        return p.text();
    }

    private static KubernetesClientException http(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }
}

package io.flightdeck.signals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flightdeck.cluster.PodLogFollower;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The fallback log source of a {@link DeploymentLogTail} when no Fluentd feed arrives: follows the pod logs of an app
 * (stable and canary/green pods) and hands each line over as a {@link LogRecord}. The sink is called on reader
 * threads.
 */
@FunctionalInterface
public interface PodLogs {

    /** Starts following; closing the result stops. */
    AutoCloseable follow(String namespace, String app, Consumer<LogRecord> sink);

    /** Pod logs through the API server with fabric8 ({@link PodLogFollower}), the last 50 lines of each first. */
    static PodLogs fromApi(KubernetesClient client, ScheduledExecutorService scheduler) {
        return (namespace, app, sink) -> new PodLogFollower(client, namespace, app, 50,
                l -> sink.accept(new LogRecord(l.received(), "pod-log", l.namespace(), l.pod(), l.container(),
                        l.labels(), l.text(), RecordMapper.isError(l.text()))),
                scheduler, Duration.ofSeconds(2));
    }
}

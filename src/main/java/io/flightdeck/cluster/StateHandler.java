package io.flightdeck.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands one informer's changes to the state: add and update put the object, delete removes it. An update that
 * carries the same resourceVersion (an informer relisting after a 410) is skipped. The objects are the informer's
 * cached ones and are only read. Called on the informer's thread, one change at a time; a failure is logged and the
 * informer goes on.
 */
final class StateHandler<T extends HasMetadata> implements ResourceEventHandler<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StateHandler.class);

    private final String resource;
    private final Consumer<T> put;
    private final Consumer<T> remove;

    StateHandler(String resource, Consumer<T> put, Consumer<T> remove) {
        this.resource = resource;
        this.put = put;
        this.remove = remove;
    }

    @Override
    public void onAdd(T obj) {
        apply(put, obj);
    }

    @Override
    public void onUpdate(T before, T obj) {
        if (before != null && before.getMetadata() != null && obj.getMetadata() != null
                && obj.getMetadata().getResourceVersion() != null
                && Objects.equals(before.getMetadata().getResourceVersion(), obj.getMetadata().getResourceVersion())) {
            return;
        }
        apply(put, obj);
    }

    @Override
    public void onDelete(T obj, boolean finalStateUnknown) {
        apply(remove, obj);
    }

    private void apply(Consumer<T> change, T obj) {
        try {
            change.accept(obj);
        } catch (RuntimeException e) {
            LOG.error("Could not apply a change of {} {}/{}", resource, Meta.namespace(obj), Meta.name(obj), e);
        }
    }
}

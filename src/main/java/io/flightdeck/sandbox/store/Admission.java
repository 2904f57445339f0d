package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.ResourceKind;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step every create and update passes before it is stored, like the apiserver's defaulting, validation and
 * admission: it may fill defaults into {@code object} and throws an ApiException (422, 403, ...) to refuse it.
 * Runs under the store's write lock: keep it fast and never call the store from it.
 */
public interface Admission {

    enum Operation { CREATE, UPDATE, UPDATE_STATUS }

    /**
     * @param previous the stored object before an update, or null on create
     */
    void admit(Operation operation, ResourceKind kind, ObjectNode object, Stored previous);
}

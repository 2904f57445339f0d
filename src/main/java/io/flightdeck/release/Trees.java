package io.flightdeck.release;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON trees of fabric8 objects, with fabric8's serialization (its Jackson settings and model modules). */
final class Trees {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Trees() {
    }

    static JsonNode of(Object o) {
        return SERIALIZATION.convertValue(o, JsonNode.class);
    }

    static <T> T to(JsonNode tree, Class<T> type) {
        return SERIALIZATION.convertValue(tree, type);
    }

    static JsonNode parse(String json) {
        return SERIALIZATION.unmarshal(json, JsonNode.class);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }
}

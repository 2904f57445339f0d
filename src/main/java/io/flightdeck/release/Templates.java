package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.flightdeck.model.ReleaseChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pod templates as the engine compares and changes them: the desired template of a release (computed from the
 * template before the release, so that running a step again gives the same result), equality that ignores the
 * {@code pod-template-hash} label and empty fields (as apimachinery's semantic equality does), and "covers", which
 * tolerates the defaults the API server adds. Stateless; any thread.
 */
public final class Templates {

    public static final String HASH_LABEL = "pod-template-hash";

    private Templates() {
    }

    /** The template after the change; throws IllegalArgumentException for an unknown container or a bad patch. */
    public static PodTemplateSpec desired(PodTemplateSpec before, ReleaseChange change) {
        PodTemplateSpec copy = Serialization.clone(before);
        Set<String> seen = new HashSet<>();
        for (List<Container> list : containerLists(copy)) {
            for (Container c : list) {
                String image = change.images().get(c.getName());
                if (image != null) {
                    c.setImage(image);
                    seen.add(c.getName());
                }
            }
        }
        for (String name : change.images().keySet()) {
            if (!seen.contains(name)) {
                throw new IllegalArgumentException("the pod template has no container named '" + name + "'");
            }
        }
        if (change.templatePatch().isEmpty()) {
            return copy;
        }
        try {
            JsonNode patch = Trees.parse(change.templatePatch());
            if (!(patch instanceof ArrayNode)) {
                throw new IllegalArgumentException("a template patch is a JSON patch: an array of operations");
            }
            JsonNode patched = JsonPatch.apply(patch, tree(copy));
            return Trees.to(patched, PodTemplateSpec.class);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the template patch does not apply: " + e.getMessage(), e);
        }
    }

    private static List<List<Container>> containerLists(PodTemplateSpec t) {
        List<List<Container>> lists = new ArrayList<>();
        if (t.getSpec() != null) {
            if (t.getSpec().getContainers() != null) {
                lists.add(t.getSpec().getContainers());
            }
            if (t.getSpec().getInitContainers() != null) {
                lists.add(t.getSpec().getInitContainers());
            }
        }
        return lists;
    }

    /** The images of the template's containers, by container name. */
    public static Map<String, String> images(PodTemplateSpec t) {
        Map<String, String> images = new java.util.LinkedHashMap<>();
        for (List<Container> list : containerLists(t)) {
            for (Container c : list) {
                images.put(c.getName(), c.getImage());
            }
        }
        return images;
    }

    /** Whether the two templates are equal but for the pod-template-hash label and empty or null fields. */
    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
        return normalized(a).equals(normalized(b));
    }

    /** Whether every field set in {@code part} has the same value in {@code whole} (lists element by element). */
    public static boolean covers(PodTemplateSpec whole, PodTemplateSpec part) {
        return covers(normalized(whole), normalized(part));
    }

    /**
     * Whether {@code actual} carries the release's change: it equals the desired template, or it has every field of
     * the desired one (the server may have added defaults) and is no longer the template from before the release.
     */
    public static boolean applied(PodTemplateSpec actual, PodTemplateSpec desired, PodTemplateSpec before) {
        return equalIgnoringHash(actual, desired) || covers(actual, desired) && !covers(actual, before);
    }

    /** The template with {@code labels} added to its metadata. */
    public static PodTemplateSpec withLabels(PodTemplateSpec t, Map<String, String> labels) {
        PodTemplateSpec copy = Serialization.clone(t);
        if (copy.getMetadata() == null) {
            copy.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (copy.getMetadata().getLabels() != null) {
            all.putAll(copy.getMetadata().getLabels());
        }
        all.putAll(labels);
        copy.getMetadata().setLabels(all);
        return copy;
    }

    static JsonNode tree(Object o) {
        return Trees.of(o);
    }

    static JsonNode normalized(PodTemplateSpec t) {
        JsonNode tree = tree(t);
        if (tree.path("metadata").path("labels") instanceof ObjectNode labels) {
            labels.remove(HASH_LABEL);
        }
        JsonNode clean = strip(tree);
        return clean == null ? Trees.object() : clean;
    }

    /** Removes nulls and empty objects and arrays, recursively; null when nothing is left. */
    private static JsonNode strip(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node instanceof ObjectNode o) {
            ObjectNode out = Trees.object();
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                JsonNode v = strip(e.getValue());
                if (v != null) {
                    out.set(e.getKey(), v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode out = Trees.array();
            for (JsonNode v : a) {
                JsonNode s = strip(v);
                out.add(s == null ? Trees.object() : s);
            }
            return out.isEmpty() ? null : out;
        }
        return node;
    }

    private static boolean covers(JsonNode whole, JsonNode part) {
        if (part instanceof ObjectNode p) {
            if (!(whole instanceof ObjectNode w)) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                if (!covers(w.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (part instanceof ArrayNode p) {
            if (!(whole instanceof ArrayNode w) || w.size() != p.size()) {
                return false;
            }
            for (int i = 0; i < p.size(); i++) {
                if (!covers(w.get(i), p.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return part.equals(whole);
    }
}

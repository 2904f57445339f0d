package io.flightdeck.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a release changes in a Deployment's pod template: a new image per container name, and/or an RFC 6902 JSON
 * patch of the pod template (paths relative to {@code spec.template}, e.g. {@code /spec/containers/0/env}). Either may
 * be empty, not both. Immutable.
 *
 * @param images        container name to new image
 * @param templatePatch a JSON patch document (a JSON array) of the pod template, or "" for none
 */
public record ReleaseChange(Map<String, String> images, String templatePatch) {

    public ReleaseChange {
        images = Map.copyOf(Objects.requireNonNull(images, "images"));
        templatePatch = templatePatch == null ? "" : templatePatch.trim();
        if (images.isEmpty() && templatePatch.isEmpty()) {
            throw new IllegalArgumentException("a release changes at least one image or the template");
        }
    }

    /** A new image for one container. */
    public static ReleaseChange image(String container, String image) {
        return new ReleaseChange(Map.of(container, image), "");
    }

    /** New images, by container name. */
    public static ReleaseChange images(Map<String, String> images) {
        return new ReleaseChange(images, "");
    }

    /** A JSON patch (RFC 6902) of the pod template. */
    public static ReleaseChange templatePatch(String jsonPatch) {
        return new ReleaseChange(Map.of(), jsonPatch);
    }

    @Override
    public String toString() {
        return images.isEmpty() ? "template patch" : images.toString() + (templatePatch.isEmpty() ? "" : " + patch");
    }
}

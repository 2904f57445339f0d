package io.flightdeck.release;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flightdeck.model.ReleaseChange;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Desired templates, hash-insensitive equality, and "applied" in spite of server defaults. */
class ReleaseTemplatesTest {

    private static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void imagesAndAJsonPatchMakeTheDesiredTemplate() {
        PodTemplateSpec before = template("web:1");
        PodTemplateSpec desired = Templates.desired(before, new ReleaseChange(Map.of("app", "web:2"),
                "[{\"op\":\"add\",\"path\":\"/spec/containers/0/env\","
                        + "\"value\":[{\"name\":\"MODE\",\"value\":\"x\"}]}]"));
        assertEquals("web:2", desired.getSpec().getContainers().get(0).getImage());
        assertEquals("MODE", desired.getSpec().getContainers().get(0).getEnv().get(0).getName());
        assertEquals("web:1", before.getSpec().getContainers().get(0).getImage(), "the original is not touched");
        assertThrows(IllegalArgumentException.class, () -> Templates.desired(before, ReleaseChange.image("db", "x")));
        assertThrows(IllegalArgumentException.class, () -> Templates.desired(before,
                ReleaseChange.templatePatch(
                        "[{\"op\":\"test\",\"path\":\"/spec/containers/0/image\",\"value\":\"x\"}]")));
    }

    @Test
    void equalityIgnoresThePodTemplateHashAndEmptyFields() {
        PodTemplateSpec a = template("web:1");
        PodTemplateSpec b = Templates.withLabels(template("web:1"), Map.of(Templates.HASH_LABEL, "abc"));
        b.getMetadata().setAnnotations(Map.of());
        assertTrue(Templates.equalIgnoringHash(a, b));
        assertFalse(Templates.equalIgnoringHash(a, template("web:2")));
    }

    @Test
    void appliedToleratesServerDefaultsButNotTheOldTemplate() {
        PodTemplateSpec before = template("web:1");
        PodTemplateSpec desired = template("web:2");
        PodTemplateSpec defaulted = Serialization.clone(desired);
        defaulted.getSpec().getContainers().get(0).setImagePullPolicy("IfNotPresent");
        defaulted.getSpec().setRestartPolicy("Always");
        assertTrue(Templates.applied(defaulted, desired, before));
        PodTemplateSpec oldDefaulted = Serialization.clone(before);
        oldDefaulted.getSpec().setRestartPolicy("Always");
        assertFalse(Templates.applied(oldDefaulted, desired, before));

        PodTemplateSpec withEnv = Templates.desired(before, ReleaseChange.templatePatch(
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/tier\",\"value\":\"gold\"}]"));
        PodTemplateSpec removal = Templates.desired(withEnv, ReleaseChange.templatePatch(
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/tier\"}]"));
        assertFalse(Templates.applied(withEnv, removal, withEnv), "a removal is applied only once it is gone");
        assertTrue(Templates.applied(removal, removal, withEnv));
    }
}

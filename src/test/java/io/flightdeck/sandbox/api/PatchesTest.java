package io.flightdeck.sandbox.api;

import static io.flightdeck.sandbox.api.PatchFixtures.at;
import static io.flightdeck.sandbox.api.PatchFixtures.body;
import static io.flightdeck.sandbox.api.PatchFixtures.deployment;
import static io.flightdeck.sandbox.api.PatchFixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** Content-type dispatch of the facade the HTTP handler calls. */
class PatchesTest {

    @Test
    void charsetParametersAreIgnored() {
        ObjectNode result = Patches.apply("application/merge-patch+json; charset=utf-8", deployment(),
                body("{'spec':{'replicas':7}}"), Kinds.DEPLOYMENT);

        assertEquals(7, at(result, "/spec/replicas").asInt());
    }

    @Test
    void unknownContentTypesAreUnsupportedMediaTypes() {
        PatchException e = rejected(415, "application/json", deployment(), "{}", Kinds.DEPLOYMENT);

        assertEquals("UnsupportedMediaType", e.reason());
        assertEquals("the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, "
                + "application/strategic-merge-patch+json", e.getMessage());
        rejected(415, null, deployment(), "{}", Kinds.DEPLOYMENT);
        rejected(415, "application/apply-patch+yaml", deployment(), "{}", Kinds.DEPLOYMENT);
    }

    @Test
    void acceptedTypesFollowTheKind() {
        assertEquals(List.of(Patches.JSON_PATCH, Patches.MERGE_PATCH, Patches.STRATEGIC_MERGE_PATCH),
                Patches.acceptedTypes(Kinds.POD));
        assertEquals(List.of(Patches.JSON_PATCH, Patches.MERGE_PATCH), Patches.acceptedTypes(Kinds.HTTP_ROUTE));
        for (ResourceKind kind : List.of(Kinds.NAMESPACE, Kinds.SERVICE, Kinds.CONFIG_MAP, Kinds.ENDPOINTS,
                Kinds.EVENT, Kinds.EVENT_V1, Kinds.REPLICA_SET, Kinds.ENDPOINT_SLICE, Kinds.LEASE)) {
            assertTrue(StrategicMergePatch.supports(kind), kind::kind);
        }
    }

    @Test
    void leaseRenewalByStrategicMerge() {
        ObjectNode lease = PatchFixtures.json("{'spec':{'holderIdentity':'a','renewTime':'t1'}}");

        ObjectNode result = Patches.apply(Patches.STRATEGIC_MERGE_PATCH, lease, body("{'spec':{'renewTime':'t2'}}"),
                Kinds.LEASE);

        assertEquals(PatchFixtures.json("{'spec':{'holderIdentity':'a','renewTime':'t2'}}"), result);
    }

    @Test
    void aNullStrategicPatchChangesNothing() {
        assertEquals(deployment(), Patches.apply(Patches.STRATEGIC_MERGE_PATCH, deployment(), body("null"),
                Kinds.DEPLOYMENT));
    }
}

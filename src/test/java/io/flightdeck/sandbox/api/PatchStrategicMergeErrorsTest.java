package io.flightdeck.sandbox.api;

import static io.flightdeck.sandbox.api.PatchFixtures.deployment;
import static io.flightdeck.sandbox.api.PatchFixtures.json;
import static io.flightdeck.sandbox.api.PatchFixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The codes and messages kube-apiserver answers for strategic merge patches it refuses. */
class PatchStrategicMergeErrorsTest {

    @Test
    void customResourcesRefuseStrategicMergeLikeTheApiserver() {
        PatchException e = rejected(415, Patches.STRATEGIC_MERGE_PATCH, json("{'spec':{}}"), "{'spec':{}}",
                Kinds.HTTP_ROUTE);

        assertEquals("UnsupportedMediaType", e.reason());
        assertEquals("the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json", e.getMessage());
        assertFalse(StrategicMergePatch.supports(Kinds.HTTP_ROUTE));
    }

    @Test
    void anItemWithoutItsMergeKeyIsAnInternalErrorLikeUpstream() {
        PatchException e = rejected(500, Patches.STRATEGIC_MERGE_PATCH, deployment(),
                "{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}", Kinds.DEPLOYMENT);

        assertEquals("map: map[image:x] does not contain declared merge key: name", e.getMessage());
    }

    @Test
    void malformedDirectivesAreBadRequests() {
        assertEquals("invalid patch format of retainKeys", rejected(400, Patches.STRATEGIC_MERGE_PATCH, deployment(),
                "{'spec':{'strategy':{'$retainKeys':['type'],'rollingUpdate':{}}}}", Kinds.DEPLOYMENT).getMessage());
        assertEquals("invalid patch format of primitive list", rejected(400, Patches.STRATEGIC_MERGE_PATCH,
                deployment(), "{'metadata':{'$deleteFromPrimitiveList':['a']}}", Kinds.DEPLOYMENT).getMessage());
        assertEquals("invalid patch format of setElementOrder list", rejected(400, Patches.STRATEGIC_MERGE_PATCH,
                deployment(), "{'metadata':{'$setElementOrderfinalizers':['a']}}", Kinds.DEPLOYMENT).getMessage());
    }

    @Test
    void otherBodyAndDirectiveErrors() {
        rejected(400, Patches.STRATEGIC_MERGE_PATCH, deployment(), "{'spec':", Kinds.DEPLOYMENT);
        rejected(400, Patches.STRATEGIC_MERGE_PATCH, deployment(), "[{'spec':{}}]", Kinds.DEPLOYMENT);
        rejected(422, Patches.STRATEGIC_MERGE_PATCH, deployment(), "{'metadata':{'finalizers':[['a']]}}",
                Kinds.DEPLOYMENT);
        rejected(500, Patches.STRATEGIC_MERGE_PATCH, deployment(), "{'metadata':{'labels':{'$patch':'merge'}}}",
                Kinds.DEPLOYMENT);
    }
}

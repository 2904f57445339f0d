package io.flightdeck.sandbox.api;

import static io.flightdeck.sandbox.api.PatchFixtures.at;
import static io.flightdeck.sandbox.api.PatchFixtures.body;
import static io.flightdeck.sandbox.api.PatchFixtures.deployment;
import static io.flightdeck.sandbox.api.PatchFixtures.json;
import static io.flightdeck.sandbox.api.PatchFixtures.jsonValue;
import static io.flightdeck.sandbox.api.PatchFixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** RFC 7386 merge patch as `kubectl patch --type merge` and fabric8's JSON_MERGE patches send it. */
class PatchMergePatchTest {

    private static ObjectNode merge(ObjectNode current, String patch, ResourceKind kind) {
        return Patches.apply(Patches.MERGE_PATCH, current, body(patch), kind);
    }

    @Test
    void nullDeletesAndObjectsMerge() {
        ObjectNode result = merge(deployment(),
                "{'metadata':{'labels':{'tier':null,'track':'canary'},'annotations':null},'spec':{'replicas':1}}",
                Kinds.DEPLOYMENT);

        assertEquals(json("{'app':'shop','track':'canary'}"), at(result, "/metadata/labels"));
        assertTrue(at(result, "/metadata/annotations").isMissingNode());
        assertEquals(1, at(result, "/spec/replicas").asInt());
    }

    @Test
    void listsAreReplacedWhole() {
        ObjectNode result = merge(deployment(),
                "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'shop:2'}]}}}}", Kinds.DEPLOYMENT);

        assertEquals(jsonValue("[{'name':'app','image':'shop:2'}]"), at(result, "/spec/template/spec/containers"));
    }

    @Test
    void rfc7386Examples() {
        assertEquals(json("{'a':'z','c':{'d':'e'}}"),
                MergePatch.apply(json("{'a':'b','c':{'d':'e','f':'g'}}"), json("{'a':'z','c':{'f':null}}")));
        assertEquals(json("{'a':{'bb':{}}}"), MergePatch.apply(json("{}"), json("{'a':{'bb':{'ccc':null}}}")));
        assertEquals(jsonValue("['c']"), MergePatch.apply(json("{'a':'b'}"), jsonValue("['c']")));
        assertEquals(json("{'e':null,'a':1}").without("e"),
                MergePatch.apply(json("{'e':null}"), json("{'a':1,'e':null}")));
    }

    @Test
    void nullsInsideNewListsAreDroppedLikeTheApiserver() {
        assertEquals(json("{'args':['a','b']}"), MergePatch.apply(json("{}"), json("{'args':['a',null,'b']}")));
    }

    @Test
    void worksOnCustomResourcesAndNeverChangesTheCurrentObject() {
        ObjectNode route = json("{'spec':{'hostnames':['a'],'rules':[]}}");

        ObjectNode result = merge(route, "{'spec':{'hostnames':['b']}}", Kinds.HTTP_ROUTE);

        assertEquals(json("{'spec':{'hostnames':['b'],'rules':[]}}"), result);
        assertEquals(json("{'spec':{'hostnames':['a'],'rules':[]}}"), route);
    }

    @Test
    void badBodiesAreBadRequests() {
        assertEquals("Invalid JSON Patch",
                rejected(400, Patches.MERGE_PATCH, deployment(), "{'spec':", Kinds.DEPLOYMENT).getMessage());
        rejected(400, Patches.MERGE_PATCH, deployment(), "null", Kinds.DEPLOYMENT);
        rejected(400, Patches.MERGE_PATCH, deployment(), "'text'", Kinds.DEPLOYMENT);
        rejected(422, Patches.MERGE_PATCH, deployment(), "[1]", Kinds.DEPLOYMENT);
    }
}

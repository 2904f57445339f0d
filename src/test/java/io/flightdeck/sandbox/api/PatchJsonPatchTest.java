package io.flightdeck.sandbox.api;

import static io.flightdeck.sandbox.api.PatchFixtures.at;
import static io.flightdeck.sandbox.api.PatchFixtures.body;
import static io.flightdeck.sandbox.api.PatchFixtures.deployment;
import static io.flightdeck.sandbox.api.PatchFixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** RFC 6902 JSON patch as `kubectl patch --type json` and fabric8's edit() send it. */
class PatchJsonPatchTest {

    private static ObjectNode jsonPatch(ObjectNode current, String patch) {
        return Patches.apply(Patches.JSON_PATCH, current, body(patch), Kinds.DEPLOYMENT);
    }

    @Test
    void addReplaceAndRemove() {
        ObjectNode result = jsonPatch(deployment(), """
                [{'op':'add','path':'/metadata/labels/track','value':'canary'},
                 {'op':'replace','path':'/spec/replicas','value':5},
                 {'op':'remove','path':'/spec/template/spec/containers/1'},
                 {'op':'add','path':'/spec/template/spec/containers/0/env/-','value':{'name':'X','value':'1'}}]""");

        assertEquals("canary", at(result, "/metadata/labels/track").asString());
        assertEquals(5, at(result, "/spec/replicas").asInt());
        assertEquals(1, at(result, "/spec/template/spec/containers").size());
        assertEquals("X", at(result, "/spec/template/spec/containers/0/env/2/name").asString());
    }

    @Test
    void passingTestLetsTheRestApply() {
        ObjectNode result = jsonPatch(deployment(), """
                [{'op':'test','path':'/spec/replicas','value':3},
                 {'op':'replace','path':'/spec/replicas','value':0}]""");

        assertEquals(0, at(result, "/spec/replicas").asInt());
    }

    @Test
    void failingTestIsInvalidWithTheApiserversMessage() {
        ObjectNode current = deployment();
        PatchException e = rejected(422, Patches.JSON_PATCH, current, """
                [{'op':'replace','path':'/spec/replicas','value':0},{'op':'test','path':'/spec/replicas','value':3}]""",
                Kinds.DEPLOYMENT);

        assertEquals("Invalid", e.reason());
        assertEquals("the server rejected our request due to an error in our request", e.getMessage());
        assertTrue(e.detail().contains("/spec/replicas"), e.detail());
        assertEquals(deployment(), current);
    }

    @Test
    void missingPathsAreInvalid() {
        rejected(422, Patches.JSON_PATCH, deployment(), "[{'op':'remove','path':'/metadata/nothing'}]",
                Kinds.DEPLOYMENT);
        rejected(422, Patches.JSON_PATCH, deployment(), "[{'op':'replace','path':'/spec/nothing','value':1}]",
                Kinds.DEPLOYMENT);
        rejected(422, Patches.JSON_PATCH, deployment(), "[{'op':'add','path':'/no/such/parent','value':1}]",
                Kinds.DEPLOYMENT);
        rejected(422, Patches.JSON_PATCH, deployment(), "[{'op':'frobnicate','path':'/spec'}]", Kinds.DEPLOYMENT);
    }

    @Test
    void aBodyThatIsNotAListOfOperationsIsABadRequest() {
        assertEquals("json: cannot unmarshal object into Go value of type jsonpatch.Patch",
                rejected(400, Patches.JSON_PATCH, deployment(), "{'op':'add'}", Kinds.DEPLOYMENT).getMessage());
        rejected(400, Patches.JSON_PATCH, deployment(), "['add']", Kinds.DEPLOYMENT);
        rejected(400, Patches.JSON_PATCH, deployment(), "[{'op':", Kinds.DEPLOYMENT);
        rejected(400, Patches.JSON_PATCH, deployment(), "", Kinds.DEPLOYMENT);
    }

    @Test
    void replacingTheWholeDocumentWithANonObjectIsInvalid() {
        rejected(422, Patches.JSON_PATCH, deployment(), "[{'op':'replace','path':'','value':[1]}]", Kinds.DEPLOYMENT);
    }

    @Test
    void tooManyOperationsIsTooLarge() {
        String op = "{'op':'test','path':'/spec/replicas','value':3}";
        String patch = "[" + (op + ",").repeat(JsonPatch.MAX_OPERATIONS) + op + "]";

        rejected(413, Patches.JSON_PATCH, deployment(), patch, Kinds.DEPLOYMENT);
    }

    @Test
    void worksOnCustomResources() {
        ObjectNode route = PatchFixtures.json("{'spec':{'hostnames':['a']}}");

        ObjectNode result = Patches.apply(Patches.JSON_PATCH, route,
                body("[{'op':'add','path':'/spec/hostnames/-','value':'b'}]"), Kinds.HTTP_ROUTE);

        assertEquals(2, at(result, "/spec/hostnames").size());
    }
}

package io.flightdeck.sandbox.api;

import static io.flightdeck.sandbox.api.PatchFixtures.at;
import static io.flightdeck.sandbox.api.PatchFixtures.deployment;
import static io.flightdeck.sandbox.api.PatchFixtures.json;
import static io.flightdeck.sandbox.api.PatchFixtures.jsonValue;
import static io.flightdeck.sandbox.api.PatchFixtures.strategic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** What kubectl users see when they patch built-in objects with strategic merge patch. */
class PatchStrategicMergeTest {

    private static final String CONTAINERS = "/spec/template/spec/containers";

    @Test
    void setImageChangesOneContainerAndKeepsTheOthers() {
        ObjectNode result = strategic(deployment(), """
                {'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'sidecar'}],
                 'containers':[{'name':'app','image':'shop:2'}]}}}}""");

        assertEquals("shop:2", at(result, CONTAINERS + "/0/image").asString());
        assertEquals(8080, at(result, CONTAINERS + "/0/ports/0/containerPort").asInt());
        assertEquals("slow", at(result, CONTAINERS + "/0/env/0/value").asString());
        assertEquals("sidecar", at(result, CONTAINERS + "/1/name").asString());
        assertEquals("envoy:1", at(result, CONTAINERS + "/1/image").asString());
        assertEquals(2, at(result, CONTAINERS).size());
    }

    @Test
    void setImageWithoutOrderDirectiveKeepsTheOrder() {
        ObjectNode result = strategic(deployment(),
                "{'spec':{'template':{'spec':{'containers':[{'name':'sidecar','image':'envoy:2'}]}}}}");

        assertEquals("app", at(result, CONTAINERS + "/0/name").asString());
        assertEquals("envoy:2", at(result, CONTAINERS + "/1/image").asString());
    }

    @Test
    void aContainerAddedWithoutOrderGoesFirstAsUpstream() {
        ObjectNode result = strategic(deployment(),
                "{'spec':{'template':{'spec':{'containers':[{'name':'logger','image':'fluent:1'}]}}}}");

        assertEquals("logger", at(result, CONTAINERS + "/0/name").asString());
        assertEquals("app", at(result, CONTAINERS + "/1/name").asString());
        assertEquals("sidecar", at(result, CONTAINERS + "/2/name").asString());
    }

    @Test
    void applyAddingAContainerPutsItWhereTheManifestHasIt() {
        ObjectNode result = strategic(deployment(), """
                {'spec':{'template':{'spec':{
                 '$setElementOrder/containers':[{'name':'app'},{'name':'logger'},{'name':'sidecar'}],
                 'containers':[{'name':'logger','image':'fluent:1'}]}}}}""");

        assertEquals("app", at(result, CONTAINERS + "/0/name").asString());
        assertEquals("logger", at(result, CONTAINERS + "/1/name").asString());
        assertEquals("sidecar", at(result, CONTAINERS + "/2/name").asString());
    }

    @Test
    void envMergesByNameAndNullsDeleteFields() {
        ObjectNode result = strategic(deployment(), """
                {'spec':{'template':{'spec':{'containers':[{'name':'app','resources':null,
                 'env':[{'name':'MODE','value':'fast'},{'name':'DEBUG','$patch':'delete'},
                        {'name':'NEW','value':'1'}]}]}}}}""");

        assertEquals(jsonValue("[{'name':'MODE','value':'fast'},{'name':'NEW','value':'1'}]"),
                at(result, CONTAINERS + "/0/env"));
        assertTrue(at(result, CONTAINERS + "/0/resources").isMissingNode());
    }

    @Test
    void patchDeleteRemovesAContainer() {
        ObjectNode result = strategic(deployment(),
                "{'spec':{'template':{'spec':{'containers':[{'name':'sidecar','$patch':'delete'}]}}}}");

        assertEquals(1, at(result, CONTAINERS).size());
        assertEquals("app", at(result, CONTAINERS + "/0/name").asString());
    }

    @Test
    void setElementOrderReordersContainers() {
        ObjectNode result = strategic(deployment(),
                "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'sidecar'},{'name':'app'}]}}}}");

        assertEquals("sidecar", at(result, CONTAINERS + "/0/name").asString());
        assertEquals("app", at(result, CONTAINERS + "/1/name").asString());
        assertEquals("shop:1", at(result, CONTAINERS + "/1/image").asString());
    }

    @Test
    void retainKeysClearsTheRollingUpdateWhenSwitchingToRecreate() {
        ObjectNode result = strategic(deployment(),
                "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}");

        assertEquals(json("{'type':'Recreate'}"), at(result, "/spec/strategy"));
    }

    @Test
    void retainKeysInAVolumeSwitchesItsSource() {
        ObjectNode result = strategic(deployment(), """
                {'spec':{'template':{'spec':{'volumes':[
                 {'$retainKeys':['configMap','name'],'name':'data','configMap':{'name':'shop-config'}}]}}}}""");

        assertEquals(json("{'name':'data','configMap':{'name':'shop-config'}}"),
                at(result, "/spec/template/spec/volumes/0"));
    }

    @Test
    void rolloutPauseSetsPausedAndNothingElse() {
        ObjectNode current = deployment();
        ObjectNode result = strategic(current, "{'spec':{'paused':true}}");

        assertTrue(at(result, "/spec/paused").asBoolean());
        ((ObjectNode) result.get("spec")).remove("paused");
        assertEquals(current, result);
    }

    @Test
    void rolloutRestartAddsATemplateAnnotation() {
        ObjectNode result = strategic(deployment(), """
                {'spec':{'template':{'metadata':{'annotations':
                 {'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}}}}}""");

        assertEquals("2025-01-01T00:00:00Z",
                at(result, "/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asString());
        assertEquals("shop", at(result, "/spec/template/metadata/labels/app").asString());
    }

    @Test
    void applyRemovingAContainerPortDeletesOnlyThatPort() {
        ObjectNode result = strategic(deployment(), """
                {'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'},{'name':'sidecar'}],
                 'containers':[{'$setElementOrder/ports':[{'containerPort':8080}],'name':'app',
                   'ports':[{'$patch':'delete','containerPort':9090}]}]}}}}""");

        assertEquals(jsonValue("[{'containerPort':8080,'protocol':'TCP'}]"), at(result, CONTAINERS + "/0/ports"));
        assertEquals(2, at(result, CONTAINERS).size());
    }

    @Test
    void applyDeletesAFinalizerFromThePrimitiveList() {
        ObjectNode current = deployment();
        ((tools.jackson.databind.node.ArrayNode) current.at("/metadata/finalizers")).add("other.io/keep");

        ObjectNode result = strategic(current, """
                {'metadata':{'$setElementOrder/finalizers':['other.io/keep'],
                 '$deleteFromPrimitiveList/finalizers':['flightdeck.io/guard']}}""");

        assertEquals(jsonValue("['other.io/keep']"), at(result, "/metadata/finalizers"));
    }

    @Test
    void finalizersMergeAsASet() {
        ObjectNode result = strategic(deployment(), "{'metadata':{'finalizers':['flightdeck.io/guard','b.io/x']}}");

        assertEquals(jsonValue("['flightdeck.io/guard','b.io/x']"), at(result, "/metadata/finalizers"));
    }

    @Test
    void labelsMergeAndNullDeletesAnAnnotation() {
        ObjectNode result = strategic(deployment(),
                "{'metadata':{'labels':{'track':'canary'},'annotations':{'owner':null}}}");

        assertEquals(json("{'app':'shop','tier':'web','track':'canary'}"), at(result, "/metadata/labels"));
        assertEquals(json("{}"), at(result, "/metadata/annotations"));
    }

    @Test
    void tolerationsAreReplacedWhole() {
        ObjectNode result = strategic(deployment(),
                "{'spec':{'template':{'spec':{'tolerations':[{'key':'c','operator':'Exists'}]}}}}");

        assertEquals(jsonValue("[{'key':'c','operator':'Exists'}]"), at(result, "/spec/template/spec/tolerations"));
    }

    @Test
    void statusConditionsMergeByType() {
        ObjectNode result = strategic(deployment(),
                "{'status':{'conditions':[{'type':'Progressing','status':'False','reason':'Stalled'}]}}");

        assertEquals(jsonValue("""
                [{'type':'Available','status':'True'},{'type':'Progressing','status':'False','reason':'Stalled'}]"""),
                at(result, "/status/conditions"));
    }

    @Test
    void podContainersMergeAtTheRootOfThePodSpec() {
        ObjectNode pod = json("""
                {'metadata':{'name':'p'},
                 'spec':{'containers':[{'name':'a','image':'x:1'},{'name':'b','image':'y:1'}]}}""");

        ObjectNode result = strategic(pod, "{'spec':{'containers':[{'name':'b','image':'y:2'}]}}", Kinds.POD);

        assertEquals(jsonValue("[{'name':'a','image':'x:1'},{'name':'b','image':'y:2'}]"),
                at(result, "/spec/containers"));
    }

    @Test
    void podTemplateListsDoNotMergeInsideAPod() {
        ObjectNode pod = json("{'spec':{'template':{'spec':{'containers':[{'name':'a'}]}}}}");

        ObjectNode result = strategic(pod, "{'spec':{'template':{'spec':{'containers':[{'name':'b'}]}}}}", Kinds.POD);

        assertEquals(jsonValue("[{'name':'b'}]"), at(result, "/spec/template/spec/containers"));
    }

    @Test
    void servicePortsMergeByPort() {
        ObjectNode service = json("{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443,'targetPort':8443}]}}");

        ObjectNode result = strategic(service, "{'spec':{'ports':[{'port':443,'targetPort':9443}]}}", Kinds.SERVICE);

        assertEquals(jsonValue("[{'port':80,'targetPort':8080},{'port':443,'targetPort':9443}]"),
                at(result, "/spec/ports"));
    }

    @Test
    void ownerReferencesMergeByUid() {
        ObjectNode rs = json("{'metadata':{'ownerReferences':[{'uid':'1','name':'a'}]}}");

        ObjectNode result = strategic(rs, "{'metadata':{'ownerReferences':[{'uid':'2','name':'b'}]}}",
                Kinds.REPLICA_SET);

        assertEquals(2, at(result, "/metadata/ownerReferences").size());
    }

    @Test
    void replaceDirectiveReplacesAMapAndAList() {
        ObjectNode result = strategic(deployment(), """
                {'metadata':{'labels':{'$patch':'replace','app':'shop2'}},
                 'spec':{'template':{'spec':{'containers':[{'$patch':'replace'},{'name':'only','image':'o:1'}]}}}}""");

        assertEquals(json("{'app':'shop2'}"), at(result, "/metadata/labels"));
        assertEquals(jsonValue("[{'name':'only','image':'o:1'}]"), at(result, CONTAINERS));
    }

    @Test
    void directivesNeverReachTheStoredObject() {
        ObjectNode pod = json("{'metadata':{'name':'p'}}");

        ObjectNode result = strategic(pod, """
                {'spec':{'$setElementOrder/containers':[{'name':'a'}],
                 'containers':[{'name':'a','env':[{'name':'X','value':'1'},{'name':'Y','$patch':'delete'}]}]}}""",
                Kinds.POD);

        assertEquals(json("""
                {'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'}]}]}}"""),
                result);
    }

    @Test
    void theCurrentObjectIsNotChanged() {
        ObjectNode current = deployment();
        strategic(current, """
                {'metadata':{'labels':null},
                 'spec':{'template':{'spec':{'containers':[{'name':'app','image':'z'}]}}}}""");

        assertEquals(deployment(), current);
        assertFalse(current.at("/metadata/labels").isMissingNode());
    }
}

package io.flightdeck.sandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Objects and helpers for the patch tests. JSON is written with single quotes to keep the Java readable. Test
 * thread only.
 */
final class PatchFixtures {

    /** A Deployment as `kubectl create deployment` plus a sidecar, a volume and a finalizer would leave it. */
    static final String DEPLOYMENT = """
            {'apiVersion':'apps/v1','kind':'Deployment',
             'metadata':{'name':'shop','namespace':'default','labels':{'app':'shop','tier':'web'},
                         'annotations':{'owner':'team-a'},'finalizers':['flightdeck.io/guard']},
             'spec':{'replicas':3,'selector':{'matchLabels':{'app':'shop'}},
                     'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                     'template':{'metadata':{'labels':{'app':'shop'}},
                       'spec':{'containers':[
                           {'name':'app','image':'shop:1',
                            'ports':[{'containerPort':8080,'protocol':'TCP'},{'containerPort':9090,'name':'metrics'}],
                            'env':[{'name':'MODE','value':'slow'},{'name':'DEBUG','value':'1'}],
                            'resources':{'limits':{'cpu':'1'}}},
                           {'name':'sidecar','image':'envoy:1'}],
                         'volumes':[{'name':'data','emptyDir':{}}],
                         'tolerations':[{'key':'a','operator':'Exists'},{'key':'b','operator':'Exists'}]}}},
             'status':{'conditions':[{'type':'Available','status':'True'},{'type':'Progressing','status':'True'}]}}
            """;

    private PatchFixtures() {
    }

    static ObjectNode json(String singleQuoted) {
        return (ObjectNode) PatchJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }

    static JsonNode jsonValue(String singleQuoted) {
        return PatchJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }

    static byte[] body(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode deployment() {
        return json(DEPLOYMENT);
    }

    static ObjectNode strategic(ObjectNode current, String patch, ResourceKind kind) {
        return Patches.apply(Patches.STRATEGIC_MERGE_PATCH, current, body(patch), kind);
    }

    static ObjectNode strategic(ObjectNode current, String patch) {
        return strategic(current, patch, Kinds.DEPLOYMENT);
    }

    static JsonNode at(JsonNode root, String pointer) {
        return root.at(pointer);
    }

    static PatchException rejected(int code, String contentType, ObjectNode current, String patch,
                                   ResourceKind kind) {
        PatchException e = assertThrows(PatchException.class,
                () -> Patches.apply(contentType, current, body(patch), kind));
        assertEquals(code, e.code(), e::getMessage);
        return e;
    }
}

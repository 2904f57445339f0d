package io.flightdeck.sandbox.api;

import static io.flightdeck.sandbox.api.PatchFixtures.json;
import static io.flightdeck.sandbox.api.PatchFixtures.rejected;
import static io.flightdeck.sandbox.api.PatchFixtures.strategic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Cases copied from k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go (the "current + patch = result"
 * halves). Upstream's test struct is mapped onto a Pod: mergingList is spec.containers (merge key name),
 * mergingIntList is metadata.finalizers (a set of scalars), retainKeysMap is spec.securityContext (a plain map).
 */
class PatchStrategicMergeUpstreamTest {

    private static void expect(String current, String patch, String result) {
        assertEquals(json(result), strategic(json(current), patch, Kinds.POD));
    }

    private static String containers(String items) {
        return "{'spec':{'containers':" + items + "}}";
    }

    private static String finalizers(String items) {
        return "{'metadata':{'finalizers':" + items + "}}";
    }

    @Test
    void uniqueScalarsWhenMergingLists() {
        expect(finalizers("[1,2]"), finalizers("[2,3]"), finalizers("[1,2,3]"));
    }

    @Test
    void deleteMapFromNestedMap() {
        expect("{'metadata':{'labels':{'key1':'1','key2':'1'}}}", "{'metadata':{'labels':{'$patch':'delete'}}}",
                "{'metadata':{'labels':{}}}");
    }

    @Test
    void deleteAllItemsFromMergingList() {
        expect(containers("[{'name':'1'},{'name':'2'}]"), containers("[{'$patch':'replace'}]"), containers("[]"));
    }

    @Test
    void addKeyAndDeleteAllKeysFromMap() {
        expect("{'metadata':{'labels':{'name':'1','value':'1'}}}",
                "{'metadata':{'labels':{'other':'a','$patch':'replace'}}}", "{'metadata':{'labels':{'other':'a'}}}");
    }

    @Test
    void deduplicateEntriesInAMergingList() {
        expect(containers("[{'name':'1'},{'name':'1'},{'name':'2','value':'a'},{'name':'3'},{'name':'3'}]"),
                containers("[{'name':'1','$patch':'delete'},{'name':'3','$patch':'delete'}]"),
                containers("[{'name':'2','value':'a'}]"));
    }

    @Test
    void preserveTheOrderFromThePatchInAMergingList() {
        expect(containers("[{'name':'1'},{'name':'2','value':'b'},{'name':'3'}]"),
                containers("[{'name':'3','value':'c'},{'name':'1','value':'a'},{'name':'2','other':'x'}]"),
                containers("[{'name':'3','value':'c'},{'name':'1','value':'a'},{'name':'2','value':'b','other':'x'}]"));
    }

    @Test
    void preserveTheOrderFromThePatchInAMergingList2() {
        expect(containers("[{'name':'1'},{'name':'2','value':'b'},{'name':'3'}]"),
                containers("[{'name':'3','value':'c'},{'name':'1','value':'a'}]"),
                containers("[{'name':'2','value':'b'},{'name':'3','value':'c'},{'name':'1','value':'a'}]"));
    }

    @Test
    void preserveTheOrderFromThePatchInAMergingIntList() {
        expect(finalizers("[1,2,3]"), finalizers("[3,1]"), finalizers("[2,3,1]"));
    }

    @Test
    void setElementOrderContainsItemThatIsNotPresentInTheListToBeMerged() {
        expect(containers("[{'name':'1'},{'name':'3'}]"), """
                {'spec':{'$setElementOrder/containers':[{'name':'3'},{'name':'2'},{'name':'1'}],
                 'containers':[{'name':'3','value':'3'},{'name':'1','value':'1'}]}}""",
                containers("[{'name':'3','value':'3'},{'name':'1','value':'1'}]"));
        expect(finalizers("[1,3]"), "{'metadata':{'$setElementOrder/finalizers':[3,2,1]}}", finalizers("[3,1]"));
    }

    @Test
    void shouldCheckIfOrderInSetElementOrderAndPatchListMatch() {
        PatchException e = rejected(500, Patches.STRATEGIC_MERGE_PATCH, json(containers("[{'name':'1'}]")), """
                {'spec':{'$setElementOrder/containers':[{'name':'1'},{'name':'2'},{'name':'3'}],
                 'containers':[{'name':'3','value':'3'},{'name':'1','value':'1'}]}}""", Kinds.POD);
        assertTrue(e.getMessage().contains("doesn't match"), e.getMessage());
    }

    @Test
    void missingMergeKeyShouldErrorOut() {
        PatchException e = rejected(500, Patches.STRATEGIC_MERGE_PATCH, json(containers("[{'name':'1','value':'a'}]")),
                containers("[{'value':'b'}]"), Kinds.POD);
        assertTrue(e.getMessage().contains("does not contain declared merge key"), e.getMessage());
    }

    @Test
    void deleteItemsInListsOfScalars() {
        expect(finalizers("[1,2,3,4]"),
                "{'metadata':{'$setElementOrder/finalizers':[1,2],'$deleteFromPrimitiveList/finalizers':[3]}}",
                finalizers("[1,2,4]"));
    }

    @Test
    void addAndDeleteAnItemInAnIntListAndPreserveOrder() {
        expect(finalizers("[1,2,3]"), """
                {'metadata':{'$setElementOrder/finalizers':[4,2,1],'finalizers':[4],
                 '$deleteFromPrimitiveList/finalizers':[3]}}""", finalizers("[4,2,1]"));
    }

    @Test
    void mergeListsOfMaps() {
        expect(containers("[{'name':'1','other':'a'},{'name':'2','value':'2','other':'b'}]"), """
                {'spec':{'$setElementOrder/containers':[{'name':'4'},{'name':'1'},{'name':'2'},{'name':'3'}],
                 'containers':[{'name':'4','value':'4'},{'name':'3','value':'3'}]}}""",
                containers("""
                        [{'name':'4','value':'4'},{'name':'1','other':'a'},{'name':'2','value':'2','other':'b'},
                         {'name':'3','value':'3'}]"""));
    }

    @Test
    void setElementsOrderInAListWithServerOnlyItems() {
        expect(containers("""
                [{'name':'1','other':'a'},{'name':'2','value':'2'},{'name':'7'},{'name':'9'},{'name':'8'},
                 {'name':'3','value':'3'},{'name':'4','value':'4'}]"""),
                "{'spec':{'$setElementOrder/containers':[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'}]}}",
                containers("""
                        [{'name':'2','value':'2'},{'name':'1','other':'a'},{'name':'7'},{'name':'9'},{'name':'8'},
                         {'name':'4','value':'4'},{'name':'3','value':'3'}]"""));
    }

    @Test
    void setElementsOrderInAnIntListWithServerOnlyItems() {
        expect(finalizers("[1,2,9,3,4]"), "{'metadata':{'$setElementOrder/finalizers':[2,1,4,3]}}",
                finalizers("[2,1,9,4,3]"));
    }

    @Test
    void behaviorOfSetElementOrderForAMergingListWithDuplicate() {
        expect(containers("""
                [{'name':'1'},{'name':'2','value':'dup1'},{'name':'3'},{'name':'2','value':'dup2'},{'name':'4'}]"""),
                """
                {'spec':{'$setElementOrder/containers':
                 [{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'},{'name':'2'}]}}""",
                containers("""
                        [{'name':'2','value':'dup1'},{'name':'2','value':'dup2'},{'name':'1'},{'name':'4'},
                         {'name':'3'}]"""));
    }

    @Test
    void retainKeysMapShouldClearDefaultedField() {
        expect("{'spec':{'securityContext':{'value':'foo'}}}",
                "{'spec':{'securityContext':{'$retainKeys':['other'],'other':'bar'}}}",
                "{'spec':{'securityContext':{'other':'bar'}}}");
    }

    @Test
    void retainKeysMapDeletesAFieldAndClearsAField() {
        expect("{'spec':{'securityContext':{'name':'foo','value':'bar','other':'a'}}}",
                "{'spec':{'securityContext':{'$retainKeys':['name'],'value':null}}}",
                "{'spec':{'securityContext':{'name':'foo'}}}");
    }

    @Test
    void retainKeysMapAddsAFieldInANestedMap() {
        expect("{'spec':{'securityContext':{'name':'foo','value':'bar','simpleMap':{'key1':'a','key3':'c'}}}}", """
                {'spec':{'securityContext':{'$retainKeys':['name','simpleMap','value'],
                 'simpleMap':{'key2':'b'}}}}""",
                """
                {'spec':{'securityContext':{'name':'foo','value':'bar',
                 'simpleMap':{'key1':'a','key2':'b','key3':'c'}}}}""");
    }

    @Test
    void definedNullValuesShouldPropagateRemovingOriginalFields() {
        expect("{'metadata':{'name':'original-name','namespace':'original-value','uid':'current-other'}}",
                "{'metadata':{'name':'modified-name','namespace':null}}",
                "{'metadata':{'name':'modified-name','uid':'current-other'}}");
    }
}

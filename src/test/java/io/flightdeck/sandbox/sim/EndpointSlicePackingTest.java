package io.flightdeck.sandbox.sim;

import io.flightdeck.sandbox.api.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSlicePackingTest {

    private static ArrayNode ports(int port) {
        ArrayNode a = Json.NODES.arrayNode();
        a.addObject().put("name", "").put("port", port).put("protocol", "TCP");
        return a;
    }

    private static ObjectNode endpoint(String pod, boolean ready) {
        ObjectNode e = Json.object();
        e.putArray("addresses").add("10.244.1." + pod.hashCode() % 250);
        e.putObject("conditions").put("ready", ready);
        e.putObject("targetRef").put("name", pod);
        return e;
    }

    private static void written(ServiceSlices s) {
        int n = 0;
        for (ServiceSlices.Slice slice : s.slices()) {
            slice.changed = false;
            if (slice.name == null) {
                slice.name = "web-" + n++ + "x";
            }
        }
        s.removedNames().clear();
    }

    @Test
    void endpointsArePackedAHundredToASliceAndStayWhereTheyAre() {
        ServiceSlices s = new ServiceSlices();
        for (int i = 0; i < 250; i++) {
            s.put("web-" + i, ports(8080), endpoint("web-" + i, true));
        }
        s.compact();
        assertEquals(3, s.slices().size());
        assertEquals(100, s.slices().get(0).endpoints.size());
        assertEquals(50, s.slices().get(2).endpoints.size());
        written(s);

        s.put("web-120", ports(8080), endpoint("web-120", false));
        s.compact();
        assertEquals(1, s.slices().stream().filter(sl -> sl.changed).count(), "only the pod's slice changes");
        assertTrue(s.slices().get(1).changed);
        written(s);

        s.put("web-120", ports(8080), endpoint("web-120", false));
        assertFalse(s.slices().stream().anyMatch(sl -> sl.changed), "an equal endpoint changes nothing");

        s.remove("web-5");
        s.put("web-new", ports(8080), endpoint("web-new", true));
        assertTrue(s.slices().get(0).endpoints.containsKey("web-new"), "a new endpoint fills the slice with room");
        assertEquals(3, s.slices().size());
    }

    @Test
    void differentPortsGoToDifferentSlicesAndAnEmptyServiceKeepsAPlaceholder() {
        ServiceSlices s = new ServiceSlices();
        s.put("a", ports(8080), endpoint("a", true));
        s.put("b", ports(9090), endpoint("b", true));
        s.compact();
        assertEquals(2, s.slices().size());
        written(s);

        s.remove("a");
        s.remove("b");
        s.compact();
        assertEquals(1, s.slices().size());
        assertNull(s.slices().get(0).ports);
        assertEquals("web-0x", s.slices().get(0).name, "the placeholder reuses the first slice");
        assertEquals(1, s.removedNames().size());

        ObjectNode rendered = ServiceSlices.render(s.slices().get(0), "shop", "web", "uid-1", Json.object());
        assertTrue(rendered.path("endpoints").isNull());
        assertTrue(rendered.path("ports").isNull());
    }
}

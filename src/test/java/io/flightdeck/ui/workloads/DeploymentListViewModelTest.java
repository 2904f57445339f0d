package io.flightdeck.ui.workloads;

import io.flightdeck.model.Health;
import io.flightdeck.model.WorkloadKey;
import io.flightdeck.model.WorkloadSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentListViewModelTest {

    private final DeploymentListViewModel model = new DeploymentListViewModel();
    private final List<WorkloadSnapshot> shop = Pods.shop().workloads();

    @Test
    void filterKeepsDeploymentsWhoseNameTagOrHealthHoldEveryWord() {
        model.show(shop);
        model.filterProperty().set("check");
        assertEquals(List.of(Pods.CHECKOUT), model.visibleKeys());
        model.filterProperty().set("SHOP/ST");
        assertEquals(List.of(Pods.STOREFRONT), model.visibleKeys());
        model.filterProperty().set("1.11");
        assertEquals(List.of(Pods.COREDNS), model.visibleKeys());
        model.filterProperty().set("shop healthy");
        assertEquals(6, model.visibleKeys().size());
        model.filterProperty().set("nothing-like-this");
        assertTrue(model.groupsProperty().get().isEmpty());
        assertFalse(model.selectFirstVisible());
    }

    @Test
    void selectFirstVisibleKeepsAVisibleSelection() {
        model.show(shop);
        model.selectedProperty().set(Pods.STOREFRONT);
        model.filterProperty().set("shop");
        assertTrue(model.selectFirstVisible());
        assertEquals(Pods.STOREFRONT, model.selectedProperty().get());
        model.filterProperty().set("checkout");
        assertTrue(model.selectFirstVisible());
        assertEquals(Pods.CHECKOUT, model.selectedProperty().get());
    }

    @Test
    void theSameRowsChangeNothingAndANewRowRegroups() {
        assertTrue(model.show(shop));
        List<NamespaceGroup> groups = model.groupsProperty().get();
        assertFalse(model.show(new ArrayList<>(shop)));
        assertTrue(groups == model.groupsProperty().get());
        List<WorkloadSnapshot> more = new ArrayList<>(shop);
        more.add(Pods.workload(new WorkloadKey("zeta", "api"), Health.PAUSED, 1, List.of(), 1));
        assertTrue(model.show(more));
        assertEquals(List.of("kube-system", "shop", "zeta"), model.groupsProperty().get().stream()
                .map(NamespaceGroup::namespace).toList());
        assertEquals(java.util.Set.of("kube-system", "shop", "zeta"), model.namespaces());
    }
}

package io.flightdeck.ui.shell;

/** How the cluster line is coloured; each value names its CSS style class. */
public enum ClusterBadge {
    CLUSTER("badge-cluster"),
    SANDBOX("badge-sandbox"),
    PENDING("badge-pending"),
    PROBLEM("badge-problem");

    private final String styleClass;

    ClusterBadge(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }
}

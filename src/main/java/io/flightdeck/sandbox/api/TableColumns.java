package io.flightdeck.sandbox.api;

import java.util.List;

/**
 * The columnDefinitions the apiserver sends for each kind the sandbox serves, copied from
 * pkg/printers/internalversion/printers.go (Kubernetes 1.32) with the descriptions its SwaggerDoc() lookups produce.
 * Server-side printing always generates the wide set; kubectl hides priority 1 columns unless {@code -o wide}.
 * Immutable; any thread.
 */
final class TableColumns {

    /** One metav1.TableColumnDefinition. */
    record Column(String name, String type, String format, String description, int priority) {
    }

    static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating resources, "
            + "although some resources may allow a client to request the generation of an appropriate name "
            + "automatically. Name is primarily intended for creation idempotence and configuration definition. "
            + "Cannot be updated. More info: "
            + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    static final String CREATED_DOC = "CreationTimestamp is a timestamp representing the server time when this object "
            + "was created. It is not guaranteed to be set in happens-before order across separate operations. "
            + "Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
            + "system. Read-only. Null for lists. More info: "
            + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
    private static final String CONTAINERS_DOC = "Names of each container in the template.";
    private static final String IMAGES_DOC = "Images referenced by each container in the template.";
    private static final String RC_DOC = "https://kubernetes.io/docs/concepts/workloads/controllers/"
            + "replicationcontroller/#what-is-a-replicationcontroller";

    static final Column NAME = new Column("Name", "string", "name", NAME_DOC, 0);
    static final Column AGE = string("Age", CREATED_DOC);

    static final List<Column> POD = List.of(NAME,
            string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            string("Status", "The aggregate status of the containers in this pod."),
            string("Restarts", "The number of times the containers in this pod have been restarted and when the last "
                    + "container in this pod has restarted."),
            AGE,
            wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet "
                    + "allocated."),
            wide("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate "
                    + "for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet "
                    + "for this node becomes responsible for the lifecycle of this pod. This field should not be used "
                    + "to express a desire for the pod to be scheduled on a specific node. "
                    + "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"),
            wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but "
                    + "it cannot be scheduled right away as preemption victims receive their graceful termination "
                    + "periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler "
                    + "may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may "
                    + "also decide to give the resources on this node to a higher priority pod that is created after "
                    + "preemption. As a result, this field may be different than PodSpec.nodeName when the pod is "
                    + "scheduled."),
            wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness. A pod is "
                    + "ready when all its containers are ready AND all conditions specified in the readiness gates "
                    + "have status equal to \"True\" More info: "
                    + "https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"));

    static final List<Column> DEPLOYMENT = List.of(NAME,
            string("Ready", "Number of the pod with ready state"),
            string("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the "
                    + "desired template spec."),
            string("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by "
                    + "this deployment."),
            AGE,
            wide("Containers", CONTAINERS_DOC),
            wide("Images", IMAGES_DOC),
            wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be "
                    + "the ones affected by this deployment."));

    static final List<Column> REPLICA_SET = List.of(NAME,
            integer("Desired", "Replicas is the number of desired replicas. This is a pointer to distinguish between "
                    + "explicit zero and unspecified. Defaults to 1. More info: " + RC_DOC),
            integer("Current", "Replicas is the most recently observed number of replicas. More info: " + RC_DOC),
            integer("Ready", "readyReplicas is the number of pods targeted by this ReplicaSet with a Ready "
                    + "Condition."),
            AGE,
            wide("Containers", CONTAINERS_DOC),
            wide("Images", IMAGES_DOC),
            wide("Selector", "Selector is a label query over pods that should match the replica count. If the "
                    + "selector is empty, it is defaulted to the labels present on the pod template. Label keys and "
                    + "values that must match in order to be controlled by this replica set. More info: "
                    + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    static final List<Column> SERVICE = List.of(NAME,
            string("Type", ServiceDocs.TYPE),
            string("Cluster-IP", ServiceDocs.CLUSTER_IP),
            string("External-IP", ServiceDocs.EXTERNAL_IPS),
            string("Port(s)", "The list of ports that are exposed by this service. More info: "
                    + ServiceDocs.PROXIES),
            AGE,
            wide("Selector", ServiceDocs.SELECTOR));

    static final List<Column> ENDPOINTS = List.of(NAME,
            string("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed into "
                    + "subsets according to the IPs they share. A single address with multiple ports, some of which "
                    + "are ready and some of which are not (because they come from different containers) will result "
                    + "in the address being displayed in different subsets for the different ports. No address will "
                    + "appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports "
                    + "that comprise a service."),
            AGE);

    static final List<Column> ENDPOINT_SLICE = List.of(NAME,
            string("AddressType", "addressType specifies the type of address carried by this EndpointSlice. All "
                    + "addresses in this slice must be the same type. This field is immutable after creation. The "
                    + "following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: "
                    + "Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name."),
            string("Ports", "ports specifies the list of network ports exposed by each endpoint in this slice. Each "
                    + "port must have a unique name. When ports is empty, it indicates that there are no defined "
                    + "ports. When a port is defined with a nil port value, it indicates \"all ports\". Each slice may "
                    + "include a maximum of 100 ports."),
            string("Endpoints", "endpoints is a list of unique endpoints in this slice. Each slice may include a "
                    + "maximum of 1000 endpoints."),
            AGE);

    static final List<Column> CONFIG_MAP = List.of(NAME,
            string("Data", "Data contains the configuration data. Each key must consist of alphanumeric characters, "
                    + "'-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys "
                    + "stored in Data must not overlap with the keys in the BinaryData field, this is enforced during "
                    + "validation process."),
            AGE);

    static final List<Column> NAMESPACE = List.of(NAME, string("Status", "The status of the namespace"), AGE);

    static final List<Column> EVENT = List.of(
            string("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            string("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
            string("Reason", "This should be a short, machine understandable string that gives the reason for the "
                    + "transition into the object's current status."),
            string("Object", "The object that this event is about."),
            wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should "
                    + "contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. "
                    + "For example, if the object reference is to a container within a pod, this would take on a "
                    + "value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that "
                    + "triggered the event) or if no container name is specified \"spec.containers[2]\" (container "
                    + "with index 2 in this pod). This syntax is chosen only to have some well-defined way of "
                    + "referencing a part of an object."),
            wide("Source", "The component reporting this event. Should be a short machine understandable string."),
            string("Message", "A human-readable description of the status of this operation."),
            wide("First Seen", "The time at which the event was first recorded. (Time of server receipt is in "
                    + "TypeMeta.)"),
            wide("Count", "The number of times this event has occurred."),
            new Column("Name", "string", "name", NAME_DOC, 1));

    static final List<Column> LEASE = List.of(NAME,
            string("Holder", "holderIdentity contains the identity of the holder of a current lease. If Coordinated "
                    + "Leader Election is used, the holder identity must be equal to the elected "
                    + "LeaseCandidate.metadata.name field."),
            AGE);

    /** The Gateway API CRD's additionalPrinterColumns, as apiextensions-apiserver's table convertor serves them. */
    static final List<Column> HTTP_ROUTE = List.of(NAME,
            new Column("Hostnames", "string", "", crdColumnDoc(".spec.hostnames"), 0),
            new Column("Age", "date", "", crdColumnDoc(".metadata.creationTimestamp"), 0));

    /** rest.DefaultTableConvertor, for built-in kinds without a printer. */
    static final List<Column> DEFAULT = List.of(NAME, new Column("Created At", "date", "", CREATED_DOC, 0));

    private TableColumns() {
    }

    private static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    private static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    private static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }

    private static String crdColumnDoc(String jsonPath) {
        return "Custom resource definition column (in JSONPath format): " + jsonPath;
    }

    /** The long ServiceSpec field docs, kept apart so the column lists stay readable. */
    private static final class ServiceDocs {
        static final String PROXIES =
                "https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
        static final String TYPE = "type determines how the Service is exposed. Defaults to ClusterIP. Valid "
                + "options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a "
                + "cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the "
                + "selector or if that is not specified, by manual construction of an Endpoints object or "
                + "EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are "
                + "published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and "
                + "allocates a port on every node which routes to the same endpoints as the clusterIP. "
                + "\"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the "
                + "current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this "
                + "service to the specified externalName. Several other fields do not apply to ExternalName "
                + "services. More info: "
                + "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types";
        static final String CLUSTER_IP = "clusterIP is the IP address of the service and is usually assigned "
                + "randomly. If an address is specified manually, is in-range (as per system configuration), and is "
                + "not in use, it will be allocated to the service; otherwise creation of the service will fail. This "
                + "field may not be changed through updates unless the type field is also being changed to "
                + "ExternalName (which requires this field to be blank) or the type field is being changed from "
                + "ExternalName (in which case this field may optionally be specified, as describe above).  Valid "
                + "values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a "
                + "\"headless service\" (no virtual IP), which is useful when direct endpoint connections are "
                + "preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and "
                + "LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation "
                + "will fail. This field will be wiped when updating a Service to type ExternalName. More info: "
                + PROXIES;
        static final String EXTERNAL_IPS = "externalIPs is a list of IP addresses for which nodes in the cluster "
                + "will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is "
                + "responsible for ensuring that traffic arrives at a node with this IP.  A common example is "
                + "external load-balancers that are not part of the Kubernetes system.";
        static final String SELECTOR = "Route service traffic to pods with label keys and values matching this "
                + "selector. If empty or not present, the service is assumed to have an external process managing "
                + "its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and "
                + "LoadBalancer. Ignored if type is ExternalName. More info: "
                + "https://kubernetes.io/docs/concepts/services-networking/service/";
    }
}

package io.flightdeck.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the API server's self-description requests so that kubectl and fabric8 find their way: {@code /version},
 * discovery ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}) and the
 * OpenAPI v3 documents under {@code /openapi/v3} (see {@link OpenApi}). {@code /api} and {@code /apis} come in the
 * aggregated form (one request gives every resource) when the Accept header asks for it, as kubectl 1.26+ does, and
 * in the legacy form otherwise. All documents derive from {@link Kinds#ALL}, are built once and are read by the
 * server's request threads.
 */
public final class Discovery {

    public static final String MAJOR = "1";
    public static final String MINOR = "32";
    /** The Kubernetes version the sandbox imitates; the gcloud kubectl dispatcher picks kubectl 1.32 by it. */
    public static final String GIT_VERSION = "v1.32.4+flightdeck";
    public static final String JSON_TYPE = "application/json";
    public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public static final String AGGREGATED_V2BETA1 =
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Map<String, String> VARY = Map.of("Vary", "Accept");

    private Discovery() {
    }

    /**
     * The document for a GET of {@code path} (a query string is ignored) with this Accept header (may be null), or
     * empty when the path is not a discovery, version or OpenAPI path the sandbox serves; the caller then answers 404.
     */
    public static Optional<DiscoveryResponse> lookup(String path, String accept) {
        int query = path.indexOf('?');
        String p = query < 0 ? path : path.substring(0, query);
        if (p.equals(OpenApi.ROOT) || p.startsWith(OpenApi.ROOT + "/")) {
            return OpenApi.lookup(path);
        }
        String form = p.equals("/api") || p.equals("/apis") ? negotiate(accept) : null;
        DiscoveryResponse doc = Documents.BY_KEY.get(form == null ? p : p + " " + form);
        return Optional.ofNullable(doc).map(d -> new DiscoveryResponse(d.contentType(), d.body().clone(), d.headers()));
    }

    /** Every document, by path (and aggregated media type for /api and /apis), built when first asked for. */
    private static final class Documents {
        static final Map<String, DiscoveryResponse> BY_KEY = build();

        private static Map<String, DiscoveryResponse> build() {
            Map<String, DiscoveryResponse> docs = new HashMap<>();
            docs.put("/version", json(version(), Map.of()));
            docs.put("/api", json(DiscoveryDocuments.apiVersions(), VARY));
            docs.put("/apis", json(DiscoveryDocuments.apiGroupList(), VARY));
            for (String type : List.of(AGGREGATED_V2, AGGREGATED_V2BETA1)) {
                String apiVersion = "apidiscovery.k8s.io/" + (type.equals(AGGREGATED_V2) ? "v2" : "v2beta1");
                docs.put("/api " + type, new DiscoveryResponse(type,
                        bytes(DiscoveryDocuments.aggregated(true, apiVersion)), VARY));
                docs.put("/apis " + type, new DiscoveryResponse(type,
                        bytes(DiscoveryDocuments.aggregated(false, apiVersion)), VARY));
            }
            for (String gv : DiscoveryDocuments.groupVersions()) {
                String path = (gv.contains("/") ? "/apis/" : "/api/") + gv;
                DiscoveryDocuments.apiResourceList(gv).ifPresent(d -> docs.put(path, json(d, Map.of())));
            }
            for (String group : Kinds.groups()) {
                DiscoveryDocuments.apiGroup(group).ifPresent(d -> docs.put("/apis/" + group, json(d, Map.of())));
            }
            return Map.copyOf(docs);
        }

        private static DiscoveryResponse json(JsonNode doc, Map<String, String> headers) {
            return new DiscoveryResponse(JSON_TYPE, bytes(doc), headers);
        }

        private static byte[] bytes(JsonNode doc) {
            return JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The aggregated discovery type to answer with, or null for the legacy form: the first entry of the Accept header
     * that names APIGroupDiscoveryList of apidiscovery.k8s.io v2 or v2beta1, unless plain JSON is listed before it.
     */
    static String negotiate(String accept) {
        if (accept == null) {
            return null;
        }
        for (String entry : accept.split(",")) {
            String[] parts = entry.split(";");
            String base = parts[0].strip().toLowerCase(Locale.ROOT);
            Map<String, String> params = new HashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                params.put(kv[0].strip().toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1].strip() : "");
            }
            boolean json = base.equals(JSON_TYPE) || base.equals("*/*") || base.equals("application/*");
            if (json && "apidiscovery.k8s.io".equals(params.get("g"))
                    && "APIGroupDiscoveryList".equals(params.get("as"))) {
                if ("v2".equals(params.get("v"))) {
                    return AGGREGATED_V2;
                }
                if ("v2beta1".equals(params.get("v"))) {
                    return AGGREGATED_V2BETA1;
                }
            } else if (json && !params.containsKey("as")) {
                return null;
            }
        }
        return null;
    }

    private static ObjectNode version() {
        String arch = System.getProperty("os.arch", "amd64").replace("x86_64", "amd64").replace("aarch64", "arm64");
        return JSON.createObjectNode()
                .put("major", MAJOR)
                .put("minor", MINOR)
                .put("gitVersion", GIT_VERSION)
                .put("gitCommit", "0000000000000000000000000000000000000000")
                .put("gitTreeState", "clean")
                .put("buildDate", "2025-04-22T15:00:00Z")
                .put("goVersion", "")
                .put("compiler", "flightdeck-sandbox")
                .put("platform", System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT) + "/" + arch);
    }
}

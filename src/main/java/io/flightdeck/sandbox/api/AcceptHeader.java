package io.flightdeck.sandbox.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The apiserver's Accept negotiation (goautoneg.ParseAccept and negotiation.NegotiateMediaTypeOptions) reduced to
 * the question the sandbox asks: Table or plain JSON. A clause matches JSON when it is application/json,
 * application/* or *&#47;*; its as/g/v parameters then either ask for nothing (plain JSON), for a Table in
 * meta.k8s.io v1 or v1beta1, or for something the endpoint cannot serve, in which case the next clause is tried.
 * Stateless; any thread.
 */
final class AcceptHeader {

    private record Clause(String type, String subType, double q, Map<String, String> params) {
    }

    private AcceptHeader() {
    }

    /** "meta.k8s.io/v1" or "meta.k8s.io/v1beta1" when the first acceptable clause asks for a Table, else null. */
    static String tableApiVersion(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        for (Clause c : parse(header)) {
            boolean json = c.type().equals("application") && (c.subType().equals("json") || c.subType().equals("*"))
                    || c.type().equals("*") && c.subType().equals("*");
            if (!json) {
                continue;
            }
            String stream = c.params().getOrDefault("stream", "");
            if (!stream.isEmpty() && !stream.equals("watch")) {
                continue;
            }
            String as = c.params().get("as");
            String g = c.params().get("g");
            String v = c.params().get("v");
            if (as == null && g == null && v == null) {
                return null;
            }
            if ("Table".equals(as) && "meta.k8s.io".equals(g) && ("v1".equals(v) || "v1beta1".equals(v))) {
                return g + "/" + v;
            }
            // PartialObjectMetadata(List) is acceptable to the apiserver but is not a Table; anything else is not.
            if (("PartialObjectMetadata".equals(as) || "PartialObjectMetadataList".equals(as))
                    && "meta.k8s.io".equals(g) && ("v1".equals(v) || "v1beta1".equals(v))) {
                return null;
            }
        }
        return null;
    }

    /** goautoneg.ParseAccept: clauses sorted by q, then concrete type and subtype before wildcards, else stable. */
    private static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            String[] mediaRange = pieces[0].trim().split("/", 2);
            String type = mediaRange[0].trim().toLowerCase(Locale.ROOT);
            if (mediaRange.length == 1 && !type.equals("*")) {
                continue;
            }
            String subType = mediaRange.length > 1 ? mediaRange[1].trim().toLowerCase(Locale.ROOT) : "*";
            double q = 1.0;
            Map<String, String> params = new HashMap<>();
            for (int i = 1; i < pieces.length; i++) {
                String[] kv = pieces[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                String key = kv[0].trim();
                if (key.equals("q")) {
                    q = parseQ(kv[1].trim());
                } else {
                    params.put(key, kv[1].trim());
                }
            }
            clauses.add(new Clause(type, subType, q, params));
        }
        clauses.sort(Comparator.comparingDouble(Clause::q).reversed()
                .thenComparing(c -> c.type().equals("*"))
                .thenComparing(c -> c.subType().equals("*")));
        return clauses;
    }

    private static double parseQ(String q) {
        try {
            return Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

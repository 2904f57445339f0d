package io.flightdeck.sandbox.server;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox's authorization policy: everything is allowed except what a deny rule names, so tests and the command
 * line can make a verb, a resource or a namespace forbidden. Rules are written as {@code verb:resource:namespace},
 * each part {@code *} for any (e.g. {@code list:pods:payments}, {@code *:*:kube-system}, {@code patch:deployments:*}).
 * Read by request threads, changed from any thread.
 */
public final class SandboxRbac {

    public record Rule(String verb, String resource, String namespace) {
        boolean covers(String v, String res, String ns) {
            return part(verb, v) && part(resource, res) && part(namespace, ns == null ? "" : ns);
        }

        private static boolean part(String rule, String value) {
            return rule.equals("*") || rule.equals(value);
        }
    }

    private final List<Rule> denies = new CopyOnWriteArrayList<>();

    /** Parses {@code verb:resource:namespace}; a missing namespace part means every namespace. */
    public static Rule parse(String text) {
        String[] p = text.trim().toLowerCase(Locale.ROOT).split(":");
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
            throw new IllegalArgumentException("a deny rule is verb:resource[:namespace], e.g. list:pods:payments; got "
                    + text);
        }
        return new Rule(p[0], p[1], p.length == 3 ? p[2] : "*");
    }

    public void deny(String rule) {
        denies.add(parse(rule));
    }

    public void deny(String verb, String resource, String namespace) {
        denies.add(new Rule(verb, resource, namespace == null ? "*" : namespace));
    }

    public void clear() {
        denies.clear();
    }

    /**
     * Whether the verb is allowed on the resource (plural, with "/subresource" when one is addressed) in the namespace
     * ("" for cluster-scoped requests and for lists across all namespaces).
     */
    public boolean allowed(String verb, String resource, String namespace) {
        for (Rule r : denies) {
            if (r.covers(verb, resource, namespace)) {
                return false;
            }
            int slash = resource.indexOf('/');
            if (slash > 0 && r.covers(verb, resource.substring(0, slash), namespace)) {
                return false;
            }
        }
        return true;
    }
}

package io.flightdeck.model;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which namespaces the live views watch: all of them, or a chosen set (sorted, without duplicates). Immutable.
 *
 * @param names the chosen namespaces; empty means all namespaces
 */
public record NamespaceSelection(List<String> names) {

    private static final NamespaceSelection ALL = new NamespaceSelection(List.of());

    public NamespaceSelection {
        names = names.stream().map(Objects::requireNonNull).filter(n -> !n.isBlank()).distinct().sorted().toList();
    }

    public static NamespaceSelection all() {
        return ALL;
    }

    /** The given namespaces; none at all means all namespaces. */
    public static NamespaceSelection of(Collection<String> names) {
        return new NamespaceSelection(List.copyOf(names));
    }

    public static NamespaceSelection of(String... names) {
        return of(List.of(names));
    }

    public boolean isAll() {
        return names.isEmpty();
    }

    public boolean includes(String namespace) {
        return isAll() || names.contains(namespace);
    }

    @Override
    public String toString() {
        if (isAll()) {
            return "all namespaces";
        }
        return (names.size() == 1 ? "namespace " : "namespaces ") + String.join(", ", names);
    }
}

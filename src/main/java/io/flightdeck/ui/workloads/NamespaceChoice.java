package io.flightdeck.ui.workloads;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Which namespaces the screen watches: all of them (an empty list), or the chosen ones, sorted and without repeats.
 * Immutable.
 */
public record NamespaceChoice(List<String> namespaces) {

    public static final NamespaceChoice ALL = new NamespaceChoice(List.of());

    public NamespaceChoice {
        namespaces = namespaces.stream().map(Objects::requireNonNull).map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().sorted().toList();
    }

    public static NamespaceChoice of(Collection<String> namespaces) {
        return new NamespaceChoice(List.copyOf(namespaces));
    }

    public boolean isAll() {
        return namespaces.isEmpty();
    }

    public boolean includes(String namespace) {
        return isAll() || namespaces.contains(namespace);
    }

    /** How the selector names it: "All namespaces", "shop", or "shop, payments" (at most three names). */
    public String label() {
        if (isAll()) {
            return "All namespaces";
        }
        if (namespaces.size() <= 3) {
            return String.join(", ", namespaces);
        }
        return String.join(", ", namespaces.subList(0, 2)) + " +" + (namespaces.size() - 2);
    }
}

package io.flightdeck.sandbox.store;

import io.flightdeck.sandbox.api.ApiException;
import io.flightdeck.sandbox.api.ResourceKind;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Object name rules and generateName suffixes, as the apiserver applies them. Stateless; any thread. */
public final class Names {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private Names() {
    }

    /** A random suffix of five characters from the apiserver's alphabet (no vowels, no look-alikes). */
    public static String suffix(int length) {
        StringBuilder sb = new StringBuilder(length);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static String generate(String prefix) {
        String p = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
        return p + suffix(5);
    }

    static void validate(ResourceKind kind, String name) {
        boolean label = kind.kind().equals("Namespace") || kind.kind().equals("Service");
        Pattern p = label ? LABEL : SUBDOMAIN;
        int max = label ? 63 : 253;
        if (name.length() > max || !p.matcher(name).matches()) {
            throw ApiException.invalid(kind, name, "metadata.name: Invalid value: \"" + name + "\": a lowercase RFC "
                    + "1123 " + (label ? "label" : "subdomain") + " must consist of lower case alphanumeric "
                    + "characters, '-'" + (label ? "" : " or '.'") + ", and must start and end with an alphanumeric "
                    + "character");
        }
    }
}

package io.flightdeck.ui.release;

import java.util.regex.Pattern;

/**
 * Checks an image reference as the distribution reference grammar defines it:
 * {@code [registry[:port]/]name[/name...][:tag][@sha256:digest]}. Repository names are lowercase; a tag is 1 to 128
 * word characters, dots and dashes; a digest is sha256 with 64 hex digits. Pure; any thread.
 */
public final class ImageReference {

    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private ImageReference() {
    }

    /** What is wrong with {@code ref}, or "" when it is a valid image reference. */
    public static String problem(String ref) {
        if (ref == null || ref.isBlank()) {
            return "enter an image, e.g. registry.example/team/app:1.2";
        }
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            return "an image reference has no spaces";
        }
        String rest = ref;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (!DIGEST.matcher(rest.substring(at + 1)).matches()) {
                return "a digest is sha256: followed by 64 lowercase hex digits";
            }
            rest = rest.substring(0, at);
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            String tag = rest.substring(colon + 1);
            if (tag.isEmpty()) {
                return "the tag after ':' is empty";
            }
            if (!TAG.matcher(tag).matches()) {
                return "a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
            }
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            return "the image has no repository name";
        }
        String[] parts = rest.split("/", -1);
        int first = 0;
        if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost")
                || !parts[0].equals(parts[0].toLowerCase()))) {
            if (!DOMAIN.matcher(parts[0]).matches()) {
                return "'" + parts[0] + "' is not a registry host[:port]";
            }
            first = 1;
        }
        for (int i = first; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                return "the repository name has an empty part";
            }
            if (!parts[i].equals(parts[i].toLowerCase())) {
                return "repository names are lowercase: '" + parts[i] + "'";
            }
            if (!COMPONENT.matcher(parts[i]).matches()) {
                return "'" + parts[i] + "' is not a valid repository name part";
            }
        }
        return "";
    }

    public static boolean valid(String ref) {
        return problem(ref).isEmpty();
    }
}

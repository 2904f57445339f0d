package io.flightdeck.sandbox.sim;

import java.math.BigDecimal;

/** Parses Kubernetes resource quantities ("250m", "1.5", "128Mi", "1G", "1e3") to exact numbers. Stateless. */
final class Quantity {

    private Quantity() {
    }

    /** The quantity's value; malformed text counts as zero (validation is not this class's job). */
    static BigDecimal parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            return BigDecimal.ZERO;
        }
        int end = s.length();
        while (end > 0 && Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        String number = s.substring(0, end);
        String suffix = s.substring(end);
        try {
            if (suffix.isEmpty() && (number.contains("e") || number.contains("E"))) {
                return new BigDecimal(number);
            }
            BigDecimal n = new BigDecimal(number);
            return n.multiply(multiplier(suffix));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static BigDecimal multiplier(String suffix) {
        return switch (suffix) {
            case "" -> BigDecimal.ONE;
            case "n" -> new BigDecimal("1e-9");
            case "u" -> new BigDecimal("1e-6");
            case "m" -> new BigDecimal("1e-3");
            case "k" -> new BigDecimal("1e3");
            case "M" -> new BigDecimal("1e6");
            case "G" -> new BigDecimal("1e9");
            case "T" -> new BigDecimal("1e12");
            case "P" -> new BigDecimal("1e15");
            case "E" -> new BigDecimal("1e18");
            case "Ki" -> BigDecimal.valueOf(1L << 10);
            case "Mi" -> BigDecimal.valueOf(1L << 20);
            case "Gi" -> BigDecimal.valueOf(1L << 30);
            case "Ti" -> BigDecimal.valueOf(1L << 40);
            case "Pi" -> BigDecimal.valueOf(1L << 50);
            case "Ei" -> BigDecimal.valueOf(1L << 60);
            default -> throw new NumberFormatException(suffix);
        };
    }
}

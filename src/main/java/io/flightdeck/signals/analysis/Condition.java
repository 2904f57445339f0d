package io.flightdeck.signals.analysis;

import java.util.List;

/**
 * A success or failure condition over a measurement, as Argo Rollouts writes them: {@code result < 0.01},
 * {@code result[0] >= 0.95 && result[1] < 0.5}, {@code len(result) > 0}, with {@code ||}, {@code &&}, {@code !},
 * comparisons, {@code + - * /}, numbers and parentheses. {@code result} alone is the first value. Parsed once into a
 * tree; evaluation is pure. A malformed condition fails at parse time with the position. Immutable; any thread.
 */
public final class Condition {

    private interface Node {
        double eval(List<Double> result);
    }

    private final String text;
    private final Node root;

    private Condition(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a condition; throws IllegalArgumentException naming what is wrong and where. */
    public static Condition parse(String text) {
        Parser p = new Parser(text);
        Node n = p.or();
        p.skip();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Condition(text, n);
    }

    /** Whether the condition holds for these values; an index past the end makes it false, never true. */
    public boolean test(List<Double> result) {
        try {
            return root.eval(result) != 0;
        } catch (IndexOutOfBoundsException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Node or() {
            Node left = and();
            while (eat("||")) {
                Node l = left;
                Node r = and();
                left = v -> l.eval(v) != 0 || r.eval(v) != 0 ? 1 : 0;
            }
            return left;
        }

        Node and() {
            Node left = not();
            while (eat("&&")) {
                Node l = left;
                Node r = not();
                left = v -> l.eval(v) != 0 && r.eval(v) != 0 ? 1 : 0;
            }
            return left;
        }

        Node not() {
            skip();
            if (s.startsWith("!", pos) && !s.startsWith("!=", pos)) {
                pos++;
                Node n = not();
                return v -> n.eval(v) == 0 ? 1 : 0;
            }
            return comparison();
        }

        Node comparison() {
            Node left = sum();
            for (String op : new String[]{"<=", ">=", "==", "!=", "<", ">"}) {
                if (eat(op)) {
                    Node l = left;
                    Node r = sum();
                    return switch (op) {
                        case "<=" -> v -> l.eval(v) <= r.eval(v) ? 1 : 0;
                        case ">=" -> v -> l.eval(v) >= r.eval(v) ? 1 : 0;
                        case "==" -> v -> l.eval(v) == r.eval(v) ? 1 : 0;
                        case "!=" -> v -> l.eval(v) != r.eval(v) ? 1 : 0;
                        case "<" -> v -> l.eval(v) < r.eval(v) ? 1 : 0;
                        default -> v -> l.eval(v) > r.eval(v) ? 1 : 0;
                    };
                }
            }
            return left;
        }

        Node sum() {
            Node left = product();
            while (true) {
                if (eat("+")) {
                    Node l = left;
                    Node r = product();
                    left = v -> l.eval(v) + r.eval(v);
                } else if (eat("-")) {
                    Node l = left;
                    Node r = product();
                    left = v -> l.eval(v) - r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node product() {
            Node left = atom();
            while (true) {
                if (eat("*")) {
                    Node l = left;
                    Node r = atom();
                    left = v -> l.eval(v) * r.eval(v);
                } else if (eat("/")) {
                    Node l = left;
                    Node r = atom();
                    left = v -> l.eval(v) / r.eval(v);
                } else {
                    return left;
                }
            }
        }

        Node atom() {
            skip();
            if (eat("(")) {
                Node n = or();
                expect(")");
                return n;
            }
            if (eat("-")) {
                Node n = atom();
                return v -> -n.eval(v);
            }
            if (eat("len(")) {
                expectWord("result");
                expect(")");
                return v -> v.size();
            }
            if (s.startsWith("result", pos)) {
                pos += "result".length();
                if (eat("[")) {
                    int start = pos;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                    if (start == pos) {
                        throw error("expected an index");
                    }
                    int index = Integer.parseInt(s.substring(start, pos));
                    expect("]");
                    return v -> v.get(index);
                }
                return v -> v.get(0);
            }
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                    || s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < s.length() ? "unexpected '" + s.charAt(pos) + "'" : "unexpected end");
            }
            double d;
            try {
                d = Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("bad number " + s.substring(start, pos));
            }
            return v -> d;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String token) {
            skip();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!eat(token)) {
                throw error("expected '" + token + "'");
            }
        }

        void expectWord(String w) {
            if (!eat(w)) {
                throw error("expected " + w);
            }
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("condition \"" + s + "\": " + why + " at position " + pos);
        }
    }
}

package io.flightdeck.signals.analysis;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a metric query's placeholders ({@code {{namespace}}}, {@code {{deployment}}}, {@code {{track}}},
 * {@code {{podTemplateHash}}}, and any other argument given) with values escaped for PromQL label matchers. An
 * unknown placeholder is an error, never left in the query. Stateless.
 */
public final class QueryTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]*)\\s*}}");

    private QueryTemplate() {
    }

    public static String fill(String template, Map<String, String> args) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = args.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder {{" + m.group(1) + "}} in query; known: "
                        + args.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.replace("\\", "\\\\").replace("\"", "\\\"")));
        }
        m.appendTail(out);
        return out.toString();
    }
}

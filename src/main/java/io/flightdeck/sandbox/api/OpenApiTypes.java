package io.flightdeck.sandbox.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of the sandbox's OpenAPI documents, read from the compact table {@code openapi-types.txt} (its header
 * explains the notation) and turned into OpenAPI v3 schema objects that carry the Kubernetes list and patch markers.
 * Immutable once loaded; {@link OpenApi} loads it once and reads it from any thread.
 */
final class OpenApiTypes {

    static final String REF_PREFIX = "#/components/schemas/";
    private static final String RESOURCE = "/io/flightdeck/sandbox/openapi-types.txt";
    private static final JsonMapper JSON = JsonMapper.shared();

    private record Field(String name, boolean required, String type, Map<String, String> options, String text) {
    }

    private record Type(String name, String text, List<Field> fields) {
    }

    /** Named schemas that are not objects, so the table cannot declare them; explain shows their names. */
    private static final Map<String, String> SCALARS = Map.of(
            "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            "{\"description\":\"An integer or a string, such as a port number or name, or a percentage.\","
                    + "\"type\":\"string\",\"format\":\"int-or-string\"}",
            "io.k8s.apimachinery.pkg.api.resource.Quantity",
            "{\"description\":\"A fixed-point number with an optional suffix, such as 500m, 128Mi or 2.\","
                    + "\"type\":\"string\"}");

    private final Map<String, Type> types;
    private final Map<String, String> byShortName;

    private OpenApiTypes(Map<String, Type> types) {
        this.types = types;
        Map<String, String> shortNames = new LinkedHashMap<>();
        for (String name : names()) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            shortNames.put(last, shortNames.containsKey(last) ? null : name);
        }
        this.byShortName = shortNames;
        types.values().forEach(t -> t.fields().forEach(f -> references(f.type())));
    }

    static OpenApiTypes load() {
        try (InputStream in = OpenApiTypes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenApiTypes parse(String table) {
        Map<String, Type> types = new LinkedHashMap<>();
        Type current = null;
        for (String line : table.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] textSplit = line.split(" -- ", 2);
            String text = textSplit.length > 1 ? textSplit[1].strip() : "";
            String[] words = textSplit[0].strip().split("\\s+");
            if (line.startsWith("type ")) {
                current = new Type(words[1], text, new ArrayList<>());
                types.put(current.name(), current);
            } else if (current != null && line.startsWith("    ") && words.length >= 2) {
                Map<String, String> options = new LinkedHashMap<>();
                for (int i = 2; i < words.length; i++) {
                    String[] kv = words[i].split("=", 2);
                    options.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                boolean required = words[0].endsWith("!");
                String name = required ? words[0].substring(0, words[0].length() - 1) : words[0];
                current.fields().add(new Field(name, required, words[1], options, text));
            } else {
                throw new IllegalArgumentException("cannot read type table line: " + line);
            }
        }
        return new OpenApiTypes(types);
    }

    boolean has(String name) {
        return types.containsKey(name);
    }

    /** A declared type as an object schema, fields in table order, or one of the named scalar schemas. */
    ObjectNode schema(String name) {
        if (SCALARS.containsKey(name)) {
            return (ObjectNode) JSON.readTree(SCALARS.get(name));
        }
        Type type = types.get(name);
        ObjectNode schema = JSON.createObjectNode();
        if (!type.text().isEmpty()) {
            schema.put("description", type.text());
        }
        schema.put("type", "object");
        List<String> required = type.fields().stream().filter(Field::required).map(Field::name).toList();
        if (!required.isEmpty()) {
            ArrayNode array = schema.putArray("required");
            required.forEach(array::add);
        }
        ObjectNode properties = schema.putObject("properties");
        for (Field field : type.fields()) {
            properties.set(field.name(), property(field));
        }
        return schema;
    }

    /** The declared types a type refers to, directly or through other types, itself excluded. */
    Set<String> closure(String name) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(name));
        while (!todo.isEmpty()) {
            Type type = types.get(todo.removeFirst());
            for (Field field : type == null ? List.<Field>of() : type.fields()) {
                references(field.type()).stream().filter(seen::add).forEach(todo::add);
            }
        }
        seen.remove(name);
        return seen;
    }

    private List<String> references(String type) {
        String element = type;
        while (element.startsWith("[]") || element.startsWith("map[")) {
            element = element.startsWith("[]") ? element.substring(2) : element.substring(4, element.length() - 1);
        }
        return scalar(element) == null ? List.of(resolve(element)) : List.of();
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(types.keySet());
        names.addAll(SCALARS.keySet());
        return names;
    }

    private String resolve(String name) {
        if (types.containsKey(name) || SCALARS.containsKey(name)) {
            return name;
        }
        String full = byShortName.get(name);
        if (full == null) {
            throw new IllegalArgumentException("unknown or ambiguous type in type table: " + name);
        }
        return full;
    }

    private ObjectNode property(Field field) {
        ObjectNode schema = typeSchema(field.type());
        if (!field.text().isEmpty()) {
            schema.put("description", field.text());
        }
        for (Map.Entry<String, String> option : field.options().entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "merge" -> schema.put("x-kubernetes-patch-merge-key", value);
                case "strategy" -> schema.put("x-kubernetes-patch-strategy", value);
                case "map" -> schema.put("x-kubernetes-map-type", value);
                case "list" -> listType(schema, value);
                default -> throw new IllegalArgumentException("unknown option " + option.getKey() + " on " + field);
            }
        }
        return schema;
    }

    private static void listType(ObjectNode schema, String value) {
        if (value.startsWith("map:")) {
            schema.put("x-kubernetes-list-type", "map");
            ArrayNode keys = schema.putArray("x-kubernetes-list-map-keys");
            List.of(value.substring(4).split(",")).forEach(keys::add);
        } else {
            schema.put("x-kubernetes-list-type", value);
        }
    }

    private ObjectNode typeSchema(String type) {
        if (type.startsWith("[]")) {
            ObjectNode array = JSON.createObjectNode().put("type", "array");
            array.set("items", typeSchema(type.substring(2)));
            return array;
        }
        if (type.startsWith("map[")) {
            ObjectNode map = JSON.createObjectNode().put("type", "object");
            map.set("additionalProperties", typeSchema(type.substring(4, type.length() - 1)));
            return map;
        }
        ObjectNode scalar = scalar(type);
        if (scalar != null) {
            return scalar;
        }
        ObjectNode ref = JSON.createObjectNode();
        ref.putArray("allOf").addObject().put("$ref", REF_PREFIX + resolve(type));
        ref.putObject("default");
        return ref;
    }

    private static ObjectNode scalar(String type) {
        ObjectNode node = JSON.createObjectNode();
        return switch (type) {
            case "string", "boolean" -> node.put("type", type);
            case "integer" -> node.put("type", "integer").put("format", "int32");
            case "long" -> node.put("type", "integer").put("format", "int64");
            case "number" -> node.put("type", "number").put("format", "double");
            case "time" -> node.put("type", "string").put("format", "date-time");
            case "byte" -> node.put("type", "string").put("format", "byte");
            case "object" -> node.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
            default -> null;
        };
    }
}

package dev.memax.server.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the repository's openapi.yaml with what a client may send them: parameters
 * (path, query, header) and the JSON request body's schema, {@code $ref}s resolved. For tests that
 * generate requests from the contract (the bad-input fuzzer).
 */
public final class OpenApiOperations {
    private static final Path SPEC =
            Path.of("..", "openapi.yaml").toAbsolutePath().normalize();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final int MAX_DEPTH = 8;

    /** A parameter: {@code in} is path, query or header. */
    public record Parameter(String name, String in, boolean required, Map<String, Object> schema) {}

    /**
     * @param bodySchema the {@code application/json} request body's schema (resolved), or null
     * @param anonymous  whether the operation is served without credentials ({@code security: []})
     */
    public record Operation(
            String method,
            String path,
            List<Parameter> parameters,
            Map<String, Object> bodySchema,
            boolean bodyRequired,
            boolean anonymous) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Map<String, Object> spec;

    private OpenApiOperations(Map<String, Object> spec) {
        this.spec = spec;
    }

    public static List<Operation> load() {
        try {
            Map<String, Object> spec = new Yaml().load(Files.readString(SPEC));
            return new OpenApiOperations(spec).operations();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
        paths.forEach((path, item) -> {
            List<Object> shared = (List<Object>) item.getOrDefault("parameters", List.of());
            item.forEach((key, value) -> {
                if (!METHODS.contains(key)) {
                    return;
                }
                Map<String, Object> op = (Map<String, Object>) value;
                List<Parameter> parameters = new ArrayList<>();
                List<Object> all = new ArrayList<>(shared);
                all.addAll((List<Object>) op.getOrDefault("parameters", List.of()));
                for (Object p : all) {
                    Map<String, Object> param = (Map<String, Object>) resolve(p, 0);
                    parameters.add(new Parameter(
                            (String) param.get("name"),
                            (String) param.get("in"),
                            Boolean.TRUE.equals(param.get("required")),
                            (Map<String, Object>) resolve(param.getOrDefault("schema", Map.of()), 0)));
                }
                Map<String, Object> body = null;
                boolean bodyRequired = false;
                if (op.get("requestBody") != null) {
                    Map<String, Object> requestBody = (Map<String, Object>) resolve(op.get("requestBody"), 0);
                    bodyRequired = Boolean.TRUE.equals(requestBody.get("required"));
                    Map<String, Object> content = (Map<String, Object>) requestBody.getOrDefault("content", Map.of());
                    Map<String, Object> json = (Map<String, Object>) content.get("application/json");
                    if (json != null && json.get("schema") != null) {
                        body = (Map<String, Object>) resolve(json.get("schema"), 0);
                    }
                }
                List<Object> security = (List<Object>) op.get("security");
                boolean anonymous = security != null
                        && (security.isEmpty()
                                || security.stream().anyMatch(s -> s instanceof Map<?, ?> m && m.isEmpty()));
                out.add(new Operation(key.toUpperCase(Locale.ROOT), path, parameters, body, bodyRequired, anonymous));
            });
        });
        return out;
    }

    /** Follows {@code $ref}s (and merges {@code allOf}) down to {@link #MAX_DEPTH} levels. */
    @SuppressWarnings("unchecked")
    private Object resolve(Object node, int depth) {
        if (!(node instanceof Map<?, ?> raw) || depth > MAX_DEPTH) {
            return node;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        if (map.get("$ref") instanceof String ref) {
            Object target = spec;
            for (String part : ref.substring(2).split("/")) {
                target = ((Map<String, Object>) target).get(part);
            }
            return resolve(target, depth + 1);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (map.get("allOf") instanceof List<?> parts) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<Object> required = new ArrayList<>();
            for (Object part : parts) {
                Map<String, Object> resolved = (Map<String, Object>) resolve(part, depth + 1);
                properties.putAll((Map<String, Object>) resolved.getOrDefault("properties", Map.of()));
                required.addAll((List<Object>) resolved.getOrDefault("required", List.of()));
                resolved.forEach((k, v) -> {
                    if (!k.equals("properties") && !k.equals("required")) {
                        out.putIfAbsent(k, v);
                    }
                });
            }
            out.put("type", "object");
            out.put("properties", properties);
            out.put("required", required);
        }
        map.forEach((key, value) -> {
            if (key.equals("allOf")) {
                return;
            }
            if (value instanceof Map<?, ?> child) {
                if (key.equals("properties")) {
                    Map<String, Object> props = new LinkedHashMap<>();
                    ((Map<String, Object>) child)
                            .forEach((name, schema) -> props.put(name, resolve(schema, depth + 1)));
                    out.merge(key, props, (a, b) -> {
                        ((Map<String, Object>) a).putAll((Map<String, Object>) b);
                        return a;
                    });
                } else {
                    out.put(key, resolve(child, depth + 1));
                }
            } else if (value instanceof List<?> list && (key.equals("oneOf") || key.equals("anyOf"))) {
                out.put(key, list.stream().map(v -> resolve(v, depth + 1)).toList());
            } else {
                out.putIfAbsent(key, value);
            }
        });
        return out;
    }
}

package dev.memax.server.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/** The repository's openapi.yaml, loaded once per test JVM: its operations and a response validator. */
public final class OpenApiContract {
    private static final Path SPEC =
            Path.of("..", "openapi.yaml").toAbsolutePath().normalize();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static OpenApiContract instance;

    private final OpenApiInteractionValidator validator;
    private final Set<String> operations;

    private OpenApiContract() {
        this.validator = OpenApiInteractionValidator.createForSpecificationUrl(
                        SPEC.toUri().toString())
                .build();
        this.operations = readOperations();
    }

    public static synchronized OpenApiContract get() {
        if (instance == null) {
            instance = new OpenApiContract();
        }
        return instance;
    }

    /** Every operation as {@code "GET /v1/hubs/{}"} (path variables normalised to {}). */
    public Set<String> operations() {
        return operations;
    }

    public static String operation(String method, String pathTemplate) {
        return method.toUpperCase(Locale.ROOT) + " " + pathTemplate.replaceAll("\\{[^}/]+}", "{}");
    }

    /** Problems of one response against the contract; empty when it conforms. */
    public List<String> validate(
            String method,
            String path,
            int status,
            Map<String, List<String>> headers,
            String contentType,
            String body,
            List<String> skippedKeys) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> response.withHeader(name, values));
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = validator.validateResponse(
                path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !skippedKeys.contains(m.getKey()))
                .map(m -> method + " " + path + " " + status + ": " + m.getMessage() + " [" + m.getKey() + "]")
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> readOperations() {
        try {
            Map<String, Object> spec = new Yaml().load(Files.readString(SPEC));
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) spec.get("paths");
            Set<String> operations = new TreeSet<>();
            paths.forEach((path, item) -> item.keySet().stream()
                    .filter(METHODS::contains)
                    .forEach(method -> operations.add(operation(method, path))));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

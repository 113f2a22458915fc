package dev.memax.server.mcp.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.auth.Authenticator;
import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpEndpoint;
import dev.memax.server.mcp.McpTool;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.platform.ApiException;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls the MCP tool beans of a running test server as the protocol layer will: by endpoint and
 * name, with a {@link Caller} authenticated from a real credential. Every successful result is
 * checked against the tool's own outputSchema (JSON Schema 2020-12, formats asserted).
 */
final class ToolCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final MemaxServerExtension server;
    private final Map<String, McpTool> tools = new TreeMap<>();
    /** Tools whose output has been checked against their schema at least once. */
    final Set<String> conformed = ConcurrentHashMap.newKeySet();

    /** A user signed up over HTTP, with an API key made over HTTP and the caller that key authenticates as. */
    record Account(String email, String accessToken, String apiKey, Caller caller) {}

    ToolCalls(MemaxServerExtension server) {
        this.server = server;
        for (McpTool tool : server.server().context().getBeansOfType(McpTool.class)) {
            McpTool previous = tools.put(key(tool.endpoint(), tool.name()), tool);
            assertThat(previous)
                    .as("two tools named " + tool.name() + " on " + tool.endpoint())
                    .isNull();
        }
    }

    private static String key(McpEndpoint endpoint, String name) {
        return endpoint.path() + " " + name;
    }

    List<McpTool> all() {
        return List.copyOf(tools.values());
    }

    McpTool tool(McpEndpoint endpoint, String name) {
        McpTool tool = tools.get(key(endpoint, name));
        assertThat(tool).as("tool " + name + " on " + endpoint).isNotNull();
        return tool;
    }

    /** Signs up a user and makes an API key with {@code scopes} (null: both), all over HTTP. */
    Account account(String name, List<String> scopes) {
        String email = name + "-" + SEQUENCE.incrementAndGet() + "@example.com";
        JsonNode signedUp = AuthFlows.signedUp(server.http(), email);
        String access = signedUp.at("/tokens/access_token").asText();
        String key = scopes == null
                ? AuthFlows.createKey(server.http(), access, "name", "mcp")
                        .path("key")
                        .asText()
                : AuthFlows.createKey(server.http(), access, "name", "mcp", "scopes", scopes)
                        .path("key")
                        .asText();
        return new Account(email, access, key, caller(key));
    }

    /** Another key of the same user. */
    Account key(Account account, List<String> scopes) {
        String key = AuthFlows.createKey(server.http(), account.accessToken(), "name", "more", "scopes", scopes)
                .path("key")
                .asText();
        return new Account(account.email(), account.accessToken(), key, caller(key));
    }

    private Caller caller(String credential) {
        return server.server()
                .bean(Authenticator.class)
                .authenticate(credential, Set.of(TokenAudiences.API))
                .orElseThrow();
    }

    /** Calls the tool and answers its structured result, checked against its outputSchema. */
    ObjectNode call(Account as, McpEndpoint endpoint, String name, String arguments) {
        McpTool tool = tool(endpoint, name);
        McpToolResult result = tool.call(as.caller(), parse(arguments));
        assertThat(result).isNotNull();
        assertConforms(tool, result.structured());
        return result.structured();
    }

    ObjectNode memax(Account as, String name, String arguments) {
        return call(as, McpEndpoint.MEMAX, name, arguments);
    }

    ObjectNode chatgpt(Account as, String name, String arguments) {
        return call(as, McpEndpoint.CHATGPT, name, arguments);
    }

    /** Calls the tool expecting it to fail as the REST route would: the ApiException it threw. */
    ApiException fails(Account as, McpEndpoint endpoint, String name, String arguments) {
        McpTool tool = tool(endpoint, name);
        ApiException error = catchThrowableOfType(() -> tool.call(as.caller(), parse(arguments)), ApiException.class);
        assertThat(error).as(name + " " + arguments + " should fail").isNotNull();
        return error;
    }

    void assertConforms(McpTool tool, ObjectNode structured) {
        assertThat(violations(tool, structured))
                .as(tool + " output " + structured + " against its outputSchema")
                .isEmpty();
        conformed.add(key(tool.endpoint(), tool.name()));
    }

    static List<Error> violations(McpTool tool, JsonNode structured) {
        return SCHEMAS.getSchema(tool.outputSchema()).validate(structured);
    }

    Set<String> names() {
        return tools.keySet();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON object from alternating names and values. */
    static String json(Object... namesAndValues) {
        return AuthFlows.json(namesAndValues);
    }
}

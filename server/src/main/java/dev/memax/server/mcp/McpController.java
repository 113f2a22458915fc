package dev.memax.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.RequestIds;
import dev.memax.server.platform.SseFrames;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;

/**
 * The two MCP endpoints (Streamable HTTP): JSON-RPC over POST, DELETE to end a session. There is
 * no GET route: this server sends nothing unasked, so it offers no standalone stream, and the
 * router answers GET with 405 and {@code Allow}, which clients take as "POST responses only".
 * {@link McpProtocol} holds the rules.
 */
@Controller
public class McpController {
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    static final String SESSION_ID = "Mcp-Session-Id";
    private final McpProtocol protocol;
    private final ObjectMapper json;

    public McpController(McpProtocol protocol, ObjectMapper json) {
        this.protocol = protocol;
        this.json = json;
    }

    @Post(
            value = "/mcp",
            consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public HttpResponse<?> post(HttpRequest<?> request, Caller caller, @Nullable @Body byte[] body) {
        return post(McpEndpoint.MEMAX, request, caller, body);
    }

    @Post(
            value = "/mcp/chatgpt",
            consumes = MediaType.APPLICATION_JSON,
            produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public HttpResponse<?> postChatGpt(HttpRequest<?> request, Caller caller, @Nullable @Body byte[] body) {
        return post(McpEndpoint.CHATGPT, request, caller, body);
    }

    @Delete("/mcp")
    public HttpResponse<?> delete(HttpRequest<?> request, Caller caller) {
        return render(protocol.delete(exchange(McpEndpoint.MEMAX, request, caller)), false);
    }

    @Delete("/mcp/chatgpt")
    public HttpResponse<?> deleteChatGpt(HttpRequest<?> request, Caller caller) {
        return render(protocol.delete(exchange(McpEndpoint.CHATGPT, request, caller)), false);
    }

    private HttpResponse<?> post(McpEndpoint endpoint, HttpRequest<?> request, Caller caller, byte[] body) {
        boolean sse = onlyEventStream(request.getHeaders().get(HttpHeaders.ACCEPT));
        return render(protocol.post(exchange(endpoint, request, caller), body), sse);
    }

    private static McpProtocol.Post exchange(McpEndpoint endpoint, HttpRequest<?> request, Caller caller) {
        HttpHeaders headers = request.getHeaders();
        return new McpProtocol.Post(
                endpoint,
                caller,
                RequestIds.of(request),
                headers.get(PROTOCOL_VERSION),
                headers.get(SESSION_ID),
                headers.get("Mcp-Method"),
                headers.get("Mcp-Name"),
                headers::get);
    }

    /**
     * JSON unless the client accepts only {@code text/event-stream}; then one {@code message} frame
     * per JSON-RPC response. Errors the transport answers with 4xx/5xx stay JSON.
     */
    private MutableHttpResponse<?> render(McpProtocol.Reply reply, boolean sse) {
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(reply.status()));
        reply.headers().forEach(response::header);
        JsonNode body = reply.body();
        if (body == null) {
            return response;
        }
        if (sse && reply.status() == 200) {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (JsonNode message : body.isArray() ? body : List.of(body)) {
                frames.writeBytes(SseFrames.frame(json, "message", null, message, null));
            }
            return response.contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .body(frames.toByteArray());
        }
        try {
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An MCP reply is not serialisable", e);
        }
    }

    /** True when {@code Accept} admits {@code text/event-stream} but no JSON; an Accept admitting neither is 406. */
    static boolean onlyEventStream(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        boolean jsonOk = false;
        boolean sseOk = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                refused |= parameter.matches("q=0(\\.0*)?");
            }
            if (refused) {
                continue;
            }
            jsonOk |= type.equals("application/json") || type.equals("application/*") || type.equals("*/*");
            sseOk |= type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*");
        }
        if (!jsonOk && !sseOk) {
            throw new ApiException(
                    ErrorCode.NOT_ACCEPTABLE,
                    "MCP answers application/json or text/event-stream: Accept admits neither");
        }
        return !jsonOk;
    }
}

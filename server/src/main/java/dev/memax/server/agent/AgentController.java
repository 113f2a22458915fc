package dev.memax.server.agent;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import java.util.List;

/** {@code /v1/agents}: connected agents. Rules live in {@link AgentService}. */
@Controller("/v1/agents")
public class AgentController {
    private final AgentService agents;

    public AgentController(AgentService agents) {
        this.agents = agents;
    }

    @Get
    public Envelope<List<ConnectedAgent>> list(Caller caller) {
        return Envelope.of(agents.list(caller));
    }

    @Patch("/{slug}")
    public Envelope<ConnectedAgent> update(
            Caller caller, @PathVariable String slug, @Nullable @Body AgentRequests.Update body) {
        return Envelope.of(agents.update(caller, slug, body));
    }

    @Delete("/{slug}")
    public Envelope<AgentService.Disconnected> disconnect(Caller caller, @PathVariable String slug) {
        return Envelope.of(agents.disconnect(caller, slug));
    }
}

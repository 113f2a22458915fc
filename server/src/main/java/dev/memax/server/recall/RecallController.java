package dev.memax.server.recall;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

/** {@code POST /v1/recall}: hybrid search over the memories the caller may read. */
@Controller("/v1/recall")
public class RecallController {
    private final RecallService recall;

    public RecallController(RecallService recall) {
        this.recall = recall;
    }

    @Post
    public Envelope<RecallResponse> recall(
            Caller caller, @Valid @Body RecallRequest request, @Nullable @Header("X-Hub-ID") String activeHub) {
        return Envelope.of(recall.recall(caller, request.withActiveHub(activeHub)));
    }
}

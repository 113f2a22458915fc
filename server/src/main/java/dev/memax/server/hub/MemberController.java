package dev.memax.server.hub;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Member;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;

/** A hub's members: {@code /v1/hubs/{id}/members} and {@code /v1/hubs/{id}/leave}. Rules live in {@link MemberService}. */
@Controller("/v1/hubs/{id}")
public class MemberController {
    private final MemberService members;

    public MemberController(MemberService members) {
        this.members = members;
    }

    @Get("/members")
    public Envelope<Page<Member>> list(
            Caller caller,
            @PathVariable String id,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return Envelope.of(members.list(caller, id, PageRequest.of(limit, cursor)));
    }

    @Post("/members")
    public HttpResponse<Envelope<Member>> add(
            Caller caller, @PathVariable String id, @Valid @Body HubRequests.AddMember body) {
        return HttpResponse.created(Envelope.of(members.add(caller, id, body)));
    }

    @Patch("/members/{user_id}")
    public Envelope<MemberService.RoleChanged> changeRole(
            Caller caller,
            @PathVariable String id,
            @PathVariable("user_id") String userId,
            @Valid @Body HubRequests.ChangeRole body) {
        return Envelope.of(new MemberService.RoleChanged(members.changeRole(caller, id, userId, body), "updated"));
    }

    @Delete("/members/{user_id}")
    public Envelope<MemberService.Removed> remove(
            Caller caller, @PathVariable String id, @PathVariable("user_id") String userId) {
        return Envelope.of(members.remove(caller, id, userId));
    }

    @Post("/leave")
    public Envelope<MemberService.Left> leave(Caller caller, @PathVariable String id) {
        return Envelope.of(members.leave(caller, id));
    }
}

package dev.memax.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.FreePorts;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** S3 unreachable: the server stays ready (200, {@code status: degraded}) and keeps serving memories. */
class S3OutageTest {
    /** A port nothing listens on: every S3 call is refused. */
    private static final String NOWHERE = "http://127.0.0.1:" + FreePorts.next();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.s3.endpoint", NOWHERE);

    @Test
    void s3DownDegradesReadinessWithoutFailingIt() {
        Http.Result ready = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(20),
                        "/health/ready",
                        r -> r.json().at("/data/checks/s3/status").asText().equals("down"));
        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.json().at("/data/ready").asBoolean()).isTrue();
        assertThat(ready.json().at("/data/status").asText()).isEqualTo("degraded");
        assertThat(ready.json().at("/data/checks/postgres/status").asText()).isEqualTo("up");
        assertThat(ready.json().at("/data/checks/s3").has("error")).isFalse();
        assertThat(ready.body()).doesNotContain("127.0.0.1");

        TestUser admin = SERVER.server().createAdmin("root@example.com");
        Http.Result detailed = SERVER.http().get("/health/ready", "Authorization", admin.bearer());
        assertThat(detailed.json().at("/data/checks/s3/error").asText()).isNotBlank();

        Http.Result pushed = SERVER.http()
                .postJson(
                        "/v1/memories",
                        "{\"content\": \"S3 is down, memories are not\"}",
                        "Authorization",
                        admin.bearer());
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    }
}

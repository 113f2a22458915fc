package dev.memax.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiDocsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    @Test
    void servesTheRepositoryContract() throws IOException {
        Http.Result result = SERVER.http().get("/v1/openapi.yaml");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/yaml"));
        assertThat(result.body()).isEqualTo(Files.readString(Path.of("..", "openapi.yaml")));
    }

    @Test
    void referencePageLoadsOnlyLocalAssetsAndTheyAreServed() {
        Http.Result page = SERVER.http().get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
        Matcher assets =
                Pattern.compile("(?:src|href)=\"(/docs/assets/[^\"]+)\"").matcher(page.body());
        int count = 0;
        while (assets.find()) {
            Http.Result asset = SERVER.http().get(assets.group(1));
            assertThat(asset.status()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.body()).isNotEmpty();
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(2);
        assertThat(page.body()).contains("/v1/openapi.yaml");
    }

    @Test
    void unknownAssetIsNotFound() {
        assertThat(SERVER.http().get("/docs/assets/index.html").errorCode()).isEqualTo("not_found");
        assertThat(SERVER.http().get("/docs/assets/..%2Fpom.properties").status())
                .isEqualTo(404);
    }
}

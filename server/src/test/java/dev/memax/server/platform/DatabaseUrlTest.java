package dev.memax.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DATABASE_URL in the postgres:// form that hosting platforms hand out. */
class DatabaseUrlTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    @Test
    void parsesUserPasswordHostPortDatabaseAndParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app%40x:p%3Ass@db.internal:6543/memax?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/memax?sslmode=require");
        assertThat(url.username()).isEqualTo("app@x");
        assertThat(url.password()).isEqualTo("p:ss");
        assertThat(DatabaseUrl.parse("postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:1/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/db");
    }

    @Test
    void aServerStartsFromAPostgresUrl() {
        Map<String, Object> properties = new java.util.HashMap<>(SERVER.serverProperties());
        String jdbc = (String) properties.remove("datasources.default.url");
        properties.remove("datasources.default.username");
        properties.remove("datasources.default.password");
        properties.put("datasources.default.url", jdbc.replace("jdbc:postgresql://", "postgres://memax:memax@"));
        try (TestServer second = TestServer.start(properties)) {
            Http.Result ready = new Http(second.uri()).get("/health/ready");
            assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        }
    }
}

package dev.memax.server.docs;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classpath files behind the API reference: the contract (copied into the jar by the
 * build), the reference page, and an allow-list of Swagger UI assets from the webjar. Each is
 * read once, on first use, and kept in memory.
 */
@Singleton
public class DocsResources {
    static final String CONTRACT = "contract/openapi.yaml";
    static final String PAGE = "docs/index.html";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String WEBJAR_ROOT = "META-INF/resources/webjars/swagger-ui/";
    private static final String UTF_8 = "utf-8";

    /** The only assets served, with their content types: what the reference page loads. */
    private static final Map<String, MediaType> ASSETS = Map.of(
            "swagger-ui.css",
            new MediaType(MediaType.TEXT_CSS, Map.of(MediaType.CHARSET_PARAMETER, UTF_8)),
            "swagger-ui-bundle.js",
            new MediaType(MediaType.TEXT_JAVASCRIPT, Map.of(MediaType.CHARSET_PARAMETER, UTF_8)),
            "favicon-32x32.png",
            MediaType.IMAGE_PNG_TYPE,
            "favicon-16x16.png",
            MediaType.IMAGE_PNG_TYPE);

    private final ClassLoader classLoader = DocsResources.class.getClassLoader();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private volatile String webjarVersion;
    private volatile String pagePolicy;
    /** A script element without src: its text is what a CSP hash covers. */
    private static final java.util.regex.Pattern INLINE_SCRIPT =
            java.util.regex.Pattern.compile("<script>(.*?)</script>", java.util.regex.Pattern.DOTALL);

    /** The OpenAPI document served at {@code /v1/openapi.yaml}. */
    public byte[] contract() {
        return load(CONTRACT);
    }

    /** The HTML reference page served at {@code /docs}. */
    public byte[] page() {
        return load(PAGE);
    }

    /**
     * The reference page's Content-Security-Policy: its own origin's assets, its one inline
     * script by hash (not {@code 'unsafe-inline'}), inline styles (its own and Swagger UI's),
     * data: images (Swagger UI's icons), requests to this server only ("Try it out"), no framing.
     */
    public String pageContentSecurityPolicy() {
        String policy = pagePolicy;
        if (policy == null) {
            String html = new String(page(), java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder hashes = new StringBuilder();
            java.util.regex.Matcher inline = INLINE_SCRIPT.matcher(html);
            while (inline.find()) {
                try {
                    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                            .digest(inline.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    hashes.append(" 'sha256-")
                            .append(java.util.Base64.getEncoder().encodeToString(digest))
                            .append('\'');
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            policy = "default-src 'none'; script-src 'self'" + hashes + "; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            pagePolicy = policy;
        }
        return policy;
    }

    /** An allow-listed Swagger UI asset, or empty for any other name. */
    public Optional<Asset> asset(String name) {
        MediaType type = ASSETS.get(name);
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new Asset(load(WEBJAR_ROOT + webjarVersion() + "/" + name), type));
    }

    /** A static file and its content type. */
    public record Asset(byte[] bytes, MediaType contentType) {}

    /** The swagger-ui webjar's version, from its Maven metadata, so a dependency bump needs no code change. */
    private String webjarVersion() {
        String version = webjarVersion;
        if (version == null) {
            version = readWebjarVersion();
            webjarVersion = version;
        }
        return version;
    }

    private String readWebjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = open(WEBJAR_POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + WEBJAR_POM, e);
        }
        String version = pom.getProperty("version", "").trim();
        if (version.isEmpty()) {
            throw new IllegalStateException(WEBJAR_POM + " has no version");
        }
        return version;
    }

    private byte[] load(String path) {
        return cache.computeIfAbsent(path, p -> {
            try (InputStream in = open(p)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read classpath resource " + p, e);
            }
        });
    }

    private InputStream open(String path) {
        InputStream in = classLoader.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Classpath resource missing: " + path);
        }
        return in;
    }
}

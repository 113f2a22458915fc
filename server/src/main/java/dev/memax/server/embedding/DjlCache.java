package dev.memax.server.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's HuggingFace tokenizer unpacks its native library into {@code DJL_CACHE_DIR}, by default
 * {@code ~/.djl.ai}: a surprise in a home directory, and a failure where the home is read-only
 * (containers). When neither the environment variable nor the system property is set, point it
 * at {@code memax.embedding.djl-cache-dir}, else at {@code $TMPDIR/memax-djl-<user>}. Must run
 * before the first DJL class initialises.
 */
final class DjlCache {
    private static final Logger LOG = LoggerFactory.getLogger(DjlCache.class);
    static final String VARIABLE = "DJL_CACHE_DIR";

    private DjlCache() {}

    static synchronized Path configure(String configured) {
        String env = System.getenv(VARIABLE);
        String property = System.getProperty(VARIABLE);
        String chosen = firstNonBlank(property, env, configured);
        Path dir = chosen != null
                ? Path.of(chosen)
                : Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "memax-djl-" + safe(System.getProperty("user.name", "user")));
        if (isBlank(property)) {
            // DJL reads the system property as well as the environment variable.
            System.setProperty(VARIABLE, dir.toString());
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.warn("Cannot create {} {}: {}", VARIABLE, dir, e.toString());
        }
        return dir;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String safe(String user) {
        return user.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

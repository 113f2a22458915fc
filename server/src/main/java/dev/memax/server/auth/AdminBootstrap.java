package dev.memax.server.auth;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start on an empty database: creates the admin user (no password), its personal hub and
 * an API key named "admin", prints the key once on stdout (never through a logger, so it never
 * reaches log shipping) and writes it to {@code memax.auth.api-key-file} with mode 0600.
 */
@Singleton
public class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private final AdminAccounts admins;
    private final AuthSettings settings;

    public AdminBootstrap(AdminAccounts admins, AuthSettings settings) {
        this.admins = admins;
        this.settings = settings;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!settings.bootstrapsAdmin()) {
            return;
        }
        admins.bootstrap(settings.adminEmail()).ifPresent(minted -> announce(minted, System.out));
    }

    private void announce(AdminAccounts.Minted minted, PrintStream out) {
        Path file = settings.apiKeyPath();
        String written;
        try {
            writeSecretFile(file, minted.key().plaintext());
            written = "It is also saved in " + file + " (readable only by you).";
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the admin API key to {}: {}", file, e.toString());
            written = "It could NOT be saved to " + file + " (" + e.getClass().getSimpleName() + "): copy it now.";
        }
        String key = minted.key().plaintext();
        out.println();
        out.println(
                "Memax: first start. Created the admin user " + minted.user().email() + " and its API key:");
        out.println();
        out.println("    " + key);
        out.println();
        out.println("This is the only time the key is shown. " + written);
        out.println("Use it as 'Authorization: Bearer <key>'; create more keys with POST /v1/auth/api-keys.");
        out.println();
        out.flush();
    }

    /** Writes {@code secret} to {@code file} with mode 0600 (parents 0700 when created), atomically. */
    static void writeSecretFile(Path file, String secret) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path temp = posix
                ? Files.createTempFile(
                        dir,
                        ".api-key",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".api-key", ".tmp");
        try {
            if (!posix) {
                java.io.File f = temp.toFile();
                f.setReadable(false, false);
                f.setWritable(false, false);
                f.setReadable(true, true);
                f.setWritable(true, true);
            }
            Files.writeString(temp, secret + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

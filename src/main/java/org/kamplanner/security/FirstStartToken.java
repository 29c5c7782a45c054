package org.kamplanner.security;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

import org.kamplanner.security.ApiTokens.IssuedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first start of a service nobody can call yet (no KAM_PLANNER_ADMIN_TOKEN, no token in the
 * database): creates an admin token and writes it to {@code <data dir>/admin-token}, readable by the
 * service's user only, and logs where. The token itself never goes to the log, which is often
 * collected where more people can read it than the data directory.
 */
@Component
class FirstStartToken implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStartToken.class);
    static final String FILE_NAME = "admin-token";

    private final ApiTokens tokens;
    private final Path dataDir;

    FirstStartToken(ApiTokens tokens, @Value("${kam-planner.data-dir:./data}") Path dataDir) {
        this.tokens = tokens;
        this.dataDir = dataDir;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (tokens.hasAdminToken() || !tokens.noneStored()) {
            return;
        }
        IssuedToken token = tokens.create("admin (first start)", Role.ADMIN, "first start");
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
        try {
            writeOwnerOnly(file, token.token() + "\n");
        } catch (IOException | RuntimeException e) {
            // A token nobody can read would lock everyone out for good: the next start must try again.
            tokens.revoke(token.id(), "first start");
            throw new IOException("Could not write the first admin token to " + file
                    + "; make the directory writable or set KAM_PLANNER_ADMIN_TOKEN", e);
        }
        log.warn("No API token existed: created an admin token and wrote it to {} (readable by this user only). "
                + "Send it as 'Authorization: Bearer <token>'; create tokens for people and scripts with "
                + "POST /admin/tokens.", file);
    }

    /**
     * Written to a new file that has owner-only permissions from its creation on, then moved into place,
     * so the secret is never in a file others can read, not even for a moment.
     */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", ownerOnly);
        try {
            if (!posix) {
                // Without POSIX permissions (Windows), the closest: readable and writable by the owner only.
                temp.toFile().setReadable(false, false);
                temp.toFile().setReadable(true, true);
                temp.toFile().setWritable(false, false);
                temp.toFile().setWritable(true, true);
            }
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

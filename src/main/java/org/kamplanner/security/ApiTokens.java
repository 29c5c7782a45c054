package org.kamplanner.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kamplanner.errors.NotFoundException;
import org.kamplanner.security.ApiTokenStore.ApiToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The service's own bearer tokens: issued here, stored as the SHA-256 of the secret, checked by
 * looking that hash up. A secret is 32 bytes from {@link SecureRandom}: with that much entropy a fast
 * hash is safe (nobody can guess their way back to a secret), and the lookup by hash leaks nothing
 * useful through its timing, because the caller cannot choose the hash. The admin token from
 * KAM_PLANNER_ADMIN_TOKEN is not stored; it is compared in constant time.
 */
@Service
public class ApiTokens {

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    /** A token just created: the only time its secret is shown. */
    public record IssuedToken(String id, String name, Role role, String token) {
    }

    private final ApiTokenStore store;
    private final byte[] adminTokenHash;

    public ApiTokens(ApiTokenStore store, SecuritySettings settings) {
        this.store = store;
        this.adminTokenHash = settings.hasAdminToken() ? sha256(settings.adminToken()) : null;
        if (settings.hasAdminToken() && settings.adminToken().length() < 32) {
            log.warn("KAM_PLANNER_ADMIN_TOKEN is shorter than 32 characters: easy to guess. "
                    + "Use a long random string, e.g. from `openssl rand -base64 32`.");
        }
    }

    public IssuedToken create(String name, Role role, String createdBy) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        ApiToken token = new ApiToken(UUID.randomUUID().toString(), name, role,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.insert(token, HexFormat.of().formatHex(sha256(secret)));
        log.info("API token created: id={} name={} role={} by={}", token.id(), name, role, createdBy);
        return new IssuedToken(token.id(), name, role, secret);
    }

    public List<ApiToken> list() {
        return store.findAll();
    }

    public void revoke(String id, String revokedBy) {
        if (!store.delete(id)) {
            throw new NotFoundException("ApiToken", id);
        }
        log.info("API token revoked: id={} by={}", id, revokedBy);
    }

    /** The caller a bearer secret stands for: the admin token or a token of the table; empty if neither. */
    Optional<TokenAuthentication> authenticate(String secret) {
        byte[] hash = sha256(secret);
        if (adminTokenHash != null && MessageDigest.isEqual(hash, adminTokenHash)) {
            return Optional.of(new TokenAuthentication("admin-token", Role.ADMIN, "admin-token"));
        }
        return store.findByHash(HexFormat.of().formatHex(hash))
                .map(token -> new TokenAuthentication("token:" + token.id(), token.role(), token.name()));
    }

    boolean hasAdminToken() {
        return adminTokenHash != null;
    }

    boolean noneStored() {
        return store.isEmpty();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

package org.facesearch.store.keys;

import static org.facesearch.store.schema.Tables.API_KEY;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * API keys: 256 random bits, written {@code fsk_} + base64url, of which only the SHA-256 is stored. A key is shown
 * once, by {@link #create}; afterwards it can be checked ({@link #roleOf}) and revoked, never read back. A hash
 * of 256 random bits needs no salt or slow hash: there is nothing to guess from it.
 */
public final class ApiKeys {
    private static final String PREFIX = "fsk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** What a key may do: {@code admin} everything, {@code search} the search endpoints only. */
    public enum Role {
        ADMIN, SEARCH;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Role of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A new key: its id and the key itself, which is not stored and cannot be shown again. */
    public record Created(long id, String key) {
    }

    /** A stored key as {@code keys list} shows it (no key, no hash). */
    public record Listed(long id, Role role, String label, LocalDateTime createdAt, LocalDateTime revokedAt) {
    }

    public static Created create(DSLContext db, Role role, String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = db.insertInto(API_KEY).set(API_KEY.KEY_HASH, hash(key)).set(API_KEY.ROLE, role.column())
                .set(API_KEY.LABEL, label == null ? "" : label)
                .returningResult(API_KEY.ID).fetchSingle(API_KEY.ID);
        return new Created(id, key);
    }

    /** Every key, revoked ones included, oldest first. */
    public static List<Listed> list(DSLContext db) {
        return db.selectFrom(API_KEY).orderBy(API_KEY.ID)
                .fetch(r -> new Listed(r.getId(), Role.of(r.getRole()), r.getLabel(), r.getCreatedAt(), r.getRevokedAt()));
    }

    /** Revokes key {@code id}; false if there is no such key or it was revoked already. */
    public static boolean revoke(DSLContext db, long id) {
        return db.update(API_KEY).set(API_KEY.REVOKED_AT, DSL.currentLocalDateTime(3))
                .where(API_KEY.ID.eq(id), API_KEY.REVOKED_AT.isNull()).execute() > 0;
    }

    /** The role of {@code key} if it is a stored key that is not revoked. */
    public static Optional<Role> roleOf(DSLContext db, String key) {
        return db.select(API_KEY.ROLE).from(API_KEY)
                .where(API_KEY.KEY_HASH.eq(hash(key)), API_KEY.REVOKED_AT.isNull())
                .fetchOptional(API_KEY.ROLE).map(Role::of);
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

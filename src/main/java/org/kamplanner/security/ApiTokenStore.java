package org.kamplanner.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The api_token table (db/migration/V3__api_tokens.sql): a token's name, role and the SHA-256 of its secret. */
@Repository
public class ApiTokenStore {

    /** A token as the API lists it: never its secret, nor its hash. */
    public record ApiToken(String id, String name, Role role, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    public ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApiToken token, String tokenHash) {
        jdbc.sql("insert into api_token (id, name, role, token_hash, created_at) values (?, ?, ?, ?, ?)")
                .params(token.id(), token.name(), token.role().name(), tokenHash, Timestamp.from(token.createdAt()))
                .update();
    }

    public Optional<ApiToken> findByHash(String tokenHash) {
        return jdbc.sql("select id, name, role, created_at from api_token where token_hash = ?")
                .param(tokenHash).query(ApiTokenStore::row).optional();
    }

    public List<ApiToken> findAll() {
        return jdbc.sql("select id, name, role, created_at from api_token order by created_at, id")
                .query(ApiTokenStore::row).list();
    }

    public boolean delete(String id) {
        return jdbc.sql("delete from api_token where id = ?").param(id).update() > 0;
    }

    public boolean isEmpty() {
        return jdbc.sql("select count(*) from api_token").query(Long.class).single() == 0;
    }

    private static ApiToken row(ResultSet rs, int rowNum) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getTimestamp("created_at").toInstant());
    }
}

package org.kamplanner.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A JWT of the company's identity provider as a caller of the roles named in the configured claim
 * (VIEWER, PLANNER, APPROVER, ADMIN; any case, "ROLE_" or not), all of them; other values are ignored,
 * and a token without any of them is authenticated but may call nothing (403).
 * The claim may be a list or one space- or comma-separated string; a dotted name reaches into an
 * object ({@code realm_access.roles}, as Keycloak writes it) unless a claim of that very name exists
 * (Auth0 names its claims with URLs, dots included).
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String claim;

    JwtRoles(String claim) {
        this.claim = claim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        // Every role the claim names: a PLANNER who is also an APPROVER does both (the roles sit side by side).
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : values(find(jwt.getClaims()))) {
            Role.lenient(value).ifPresent(role -> authorities.addAll(role.authorities()));
        }
        return new JwtAuthenticationToken(jwt, List.copyOf(authorities), jwt.getSubject());
    }

    Optional<Role> role(Map<String, Object> claims) {
        Role best = null;
        for (String value : values(find(claims))) {
            Role role = Role.lenient(value).orElse(null);
            if (role != null && (best == null || role.ordinal() > best.ordinal())) {
                best = role;
            }
        }
        return Optional.ofNullable(best);
    }

    private Object find(Map<String, Object> claims) {
        if (claims.containsKey(claim)) {
            return claims.get(claim);
        }
        Object node = claims;
        for (String part : claim.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static List<String> values(Object claimValue) {
        List<String> values = new ArrayList<>();
        if (claimValue instanceof Collection<?> collection) {
            collection.forEach(item -> {
                if (item instanceof String text) {
                    values.add(text);
                }
            });
        } else if (claimValue instanceof String text) {
            for (String part : text.split("[\\s,]+")) {
                if (!part.isEmpty()) {
                    values.add(part);
                }
            }
        }
        return values;
    }
}

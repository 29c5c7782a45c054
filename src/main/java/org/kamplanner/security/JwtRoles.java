package org.kamplanner.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A JWT of the company's identity provider as a caller of one of the three roles: the strongest of
 * VIEWER, PLANNER, ADMIN named in the configured claim (any case, "ROLE_" or not); other values are
 * ignored, and a token without any of them is authenticated but may call nothing (403).
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
        return new JwtAuthenticationToken(jwt, role(jwt.getClaims()).map(Role::authorities).orElse(List.of()),
                jwt.getSubject());
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

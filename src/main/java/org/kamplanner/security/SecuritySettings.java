package org.kamplanner.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The kam-planner.security.* properties.
 *
 * @param adminToken an admin token given from outside (application.properties binds it to the
 *        KAM_PLANNER_ADMIN_TOKEN environment variable); empty for none
 * @param jwt how the identity provider's JWTs carry roles, when JWTs are accepted at all
 */
@ConfigurationProperties("kam-planner.security")
public record SecuritySettings(String adminToken, @DefaultValue Jwt jwt) {

    /** @param rolesClaim the claim that lists the caller's roles; a dotted path (realm_access.roles) reaches into an object */
    public record Jwt(@DefaultValue("roles") String rolesClaim) {
    }

    boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }
}

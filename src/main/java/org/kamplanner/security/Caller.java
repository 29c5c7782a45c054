package org.kamplanner.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes the current request, as plans (createdBy) and the audit log name it: an API token by the name
 * its admin gave it, a JWT by its subject; with the strongest of its roles. Outside a request (a solve
 * thread, the command line) nobody: name and role null.
 */
public record Caller(String name, Role role) {

    /** A name fits its column (an identity provider's subject can be long). */
    static final int MAX_NAME_CHARS = 200;

    private static final Caller NOBODY = new Caller(null, null);

    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return NOBODY;
        }
        String name = authentication instanceof TokenAuthentication token ? token.label() : authentication.getName();
        if (name != null && name.length() > MAX_NAME_CHARS) {
            name = name.substring(0, MAX_NAME_CHARS);
        }
        return new Caller(name, Role.highest(authentication.getAuthorities()).orElse(null));
    }
}

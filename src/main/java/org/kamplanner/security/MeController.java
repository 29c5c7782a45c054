package org.kamplanner.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Who the caller is, for the page: it offers propose to a PLANNER and approve / reject to an APPROVER
 * only, instead of buttons that answer 403. The service still decides every request by its role.
 */
@RestController
@Tag(name = "Caller", description = "Who the caller is (any role)")
class MeController {

    /** The caller's name (as plans and the audit log name it) and every role it holds (ADMIN: all of them). */
    record Me(String name, List<String> roles) {
    }

    @Operation(summary = "The caller: its name and every role its token or JWT gives it")
    @GetMapping("/me")
    Me me(Authentication authentication) {
        Set<String> granted = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        List<String> roles = Arrays.stream(Role.values()).filter(role -> granted.contains("ROLE_" + role.name()))
                .map(Role::name).toList();
        return new Me(Caller.current().name(), roles);
    }
}

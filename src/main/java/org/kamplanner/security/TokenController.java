package org.kamplanner.security;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import org.kamplanner.audit.AuditLog;
import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.security.ApiTokenStore.ApiToken;
import org.kamplanner.security.ApiTokens.IssuedToken;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** API tokens for people and scripts (ADMIN only, see SecurityConfig). */
@RestController
@RequestMapping("/admin/tokens")
@Tag(name = "Tokens", description = "Create, list and revoke API tokens (ADMIN)")
public class TokenController {

    /** Body of POST /admin/tokens. */
    public record TokenRequest(String name, String role) {
    }

    static final int MAX_NAME_CHARS = 200;

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    TokenController(ApiTokens tokens, AuditLog audit, TransactionTemplate transactions) {
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Operation(summary = "Create a token; its secret is in this answer only (the service keeps a hash)")
    @PostMapping
    public ResponseEntity<IssuedToken> create(@RequestBody TokenRequest request, Principal caller) {
        Role role = check(request);
        // The token and its audit entry, both or neither.
        IssuedToken issued = transactions.execute(tx -> {
            IssuedToken made = tokens.create(request.name(), role, caller.getName());
            audit.record(AuditLog.Action.TOKEN_CREATE, null, "audit.detail.tokenCreated", made.name(), role, made.id());
            return made;
        });
        return ResponseEntity.created(URI.create("/admin/tokens/" + issued.id()))
                .cacheControl(CacheControl.noStore())
                .body(issued);
    }

    @Operation(summary = "The tokens: id, name, role, created; never a secret")
    @GetMapping
    public List<ApiToken> list() {
        return tokens.list();
    }

    @Operation(summary = "Revoke a token: it is refused from the next request on")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id, Principal caller) {
        transactions.executeWithoutResult(tx -> {
            tokens.revoke(id, caller.getName());
            audit.record(AuditLog.Action.TOKEN_REVOKE, null, "audit.detail.tokenRevoked", id);
        });
        return ResponseEntity.noContent().build();
    }

    /** Every problem of the request at once, as the plan endpoints do; the role when there is none. */
    private static Role check(TokenRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = request.name();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", Words.text("error.token.nameRequired")));
        } else if (name.length() > MAX_NAME_CHARS) {
            problems.add(new FieldProblem("name", Words.text("error.token.nameLength", MAX_NAME_CHARS, name.length())));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            // The name goes to the log: no line breaks that could forge a log line.
            problems.add(new FieldProblem("name", Words.text("error.token.nameControl")));
        }
        Role role = request.role() == null ? null : Role.of(request.role()).orElse(null);
        if (role == null) {
            problems.add(new FieldProblem("role", request.role() == null ? Words.text("error.token.roleRequired")
                    : Words.text("error.token.roleUnknown", truncate(request.role()))));
        }
        if (!problems.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    problems.size() == 1 ? Words.text("error.token.detail.one")
                            : Words.text("error.token.detail.many", problems.size()));
            problem.setTitle(Words.text("error.token.title"));
            problem.setProperty("errors", problems);
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return role;
    }

    private static String truncate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

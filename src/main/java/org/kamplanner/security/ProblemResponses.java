package org.kamplanner.security;

import org.kamplanner.words.Words;

import java.io.IOException;
import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * 401 and 403 as problem+json (RFC 9457), like every other error of the API, never a login page or a
 * bare status. A 401 says how to authenticate ({@code WWW-Authenticate: Bearer}, RFC 6750), with
 * {@code error="invalid_token"} when a token was sent but is unknown, revoked or expired. A token that
 * cannot be checked (database or identity provider down) is a 503 with Retry-After.
 */
@Component
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String REALM = "Bearer realm=\"kam-planner\"";
    private static final String RETRY_AFTER_SECONDS = "60";

    private final ObjectMapper objectMapper;

    ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof SignInUnavailableException unavailable) {
            // Logged without the cause's stack: an outage would otherwise log one per request.
            log.warn("Bearer token not checked on {} {}: {} ({})", request.getMethod(), request.getRequestURI(),
                    unavailable.getMessage(), String.valueOf(unavailable.getCause()));
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, Words.text("error.auth.unavailable"));
            return;
        }
        // The reason a token failed stays here: "expired" or "bad signature" helps an attacker more than a user.
        boolean tokenGiven = exception instanceof OAuth2AuthenticationException;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenGiven
                ? REALM + ", error=\"invalid_token\", error_description=\"The bearer token is not valid\""
                : REALM);
        write(request, response, HttpStatus.UNAUTHORIZED,
                Words.text(tokenGiven ? "error.auth.invalidToken" : "error.auth.noToken"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String role = caller == null ? "none" : Role.highest(caller.getAuthorities()).map(Role::name).orElse("none");
        write(request, response, HttpStatus.FORBIDDEN,
                Words.text("error.auth.forbidden", role, request.getMethod(), request.getRequestURI()));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(Words.title(status.value(), status.getReasonPhrase()));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        if (request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // The body is not read: the connection closes after this answer rather than read the rest of a body
            // that may drip for hours (web.TomcatTimeouts), and the client is told so before it reuses it.
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}

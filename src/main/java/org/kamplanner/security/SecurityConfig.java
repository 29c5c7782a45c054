package org.kamplanner.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.HEAD;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.dao.DataAccessException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import jakarta.servlet.DispatcherType;

/**
 * Who may call what (the README's Security section). Every request but the page's static files and
 * the health status carries {@code Authorization: Bearer <token>}: one of the service's API tokens
 * ({@link ApiTokens}) or, when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} is set (Spring
 * Boot then provides the {@link JwtDecoder}), a JWT of the company's identity provider ({@link JwtRoles}).
 * <p>
 * Stateless: no session, no cookie. That is also why CSRF protection is off: a cross-site form or
 * script cannot add an Authorization header, so a forged request arrives without a token and gets 401.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
// The OpenAPI document says so too, for clients generated from it.
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
@OpenAPIDefinition(security = @SecurityRequirement(name = "bearer"))
public class SecurityConfig {

    /**
     * Nothing inline and nothing from elsewhere, except the OpenStreetMap tiles the map shows when the
     * planner ticks its "tiles" box (images only). Leaflet and chart.js style elements through the DOM
     * (element.style), which CSP allows; style attributes in markup it would block.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ProblemResponses problems,
            SecuritySettings settings, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        AuthenticationManager bearerTokens = bearerTokens(tokens, jwtDecoder.getIfAvailable(), settings);
        http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                // The headers are written for every response by securityHeaders() below, before this chain runs.
                .headers(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(bearer -> bearer
                        .authenticationManagerResolver(request -> bearerTokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .authorizeHttpRequests(rules -> rules
                        // An error page rendered for a request that has already passed (or failed) these rules.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // The page itself: it asks for a token before it calls the API.
                        .requestMatchers(any("/", "/index.html", "/app.css", "/js/**", "/data/**", "/webjars/**")).permitAll()
                        // Load balancers and orchestrators poll this; details (the database) only for ADMIN.
                        .requestMatchers(read("/actuator/health")).permitAll()
                        .requestMatchers(any("/actuator/**")).hasRole(Role.ADMIN.name())
                        .requestMatchers(any("/admin/**")).hasRole(Role.ADMIN.name())
                        // The API's description and Swagger UI (served from the jar, no CDN): public, so a developer
                        // can read it before having a token; every call made from Swagger UI still needs one.
                        .requestMatchers(read("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**")).permitAll()
                        .requestMatchers(read("/demo-data", "/demo-data/**")).hasRole(Role.VIEWER.name())
                        .requestMatchers(read("/plans/**")).hasRole(Role.VIEWER.name())
                        .requestMatchers(read("/frontiers/**")).hasRole(Role.VIEWER.name())
                        .requestMatchers(read("/me")).hasRole(Role.VIEWER.name())
                        // The CRM import's default mapping: what a planner reads before an import.
                        .requestMatchers(read("/import/crm/mapping")).hasRole(Role.VIEWER.name())
                        // These two score or rank without changing anything stored.
                        .requestMatchers(on(PUT, "/plans/analyze")).hasRole(Role.VIEWER.name())
                        .requestMatchers(on(POST, "/plans/*/recommendations")).hasRole(Role.VIEWER.name())
                        // Any purge parameter at all: Spring reads "1", "yes" and "on" as true, too.
                        .requestMatchers(new AndRequestMatcher(on(DELETE, "/plans/*"),
                                request -> request.getParameter("purge") != null)).hasRole(Role.ADMIN.name())
                        // Approving is the APPROVER's (and ADMIN's), not the PLANNER's: four eyes.
                        .requestMatchers(on(POST, "/plans/*/approve", "/plans/*/reject")).hasRole(Role.APPROVER.name())
                        .requestMatchers(any("/plans/**")).hasRole(Role.PLANNER.name())
                        // The whole audit log; a plan's own (GET /plans/{id}/audit) is a VIEWER's read above.
                        .requestMatchers(read("/audit", "/audit.csv")).hasRole(Role.ADMIN.name())
                        // Whatever is not named above (a new endpoint nobody gave a rule yet) is for ADMIN only.
                        .anyRequest().hasRole(Role.ADMIN.name()));
        return http.build();
    }

    /**
     * The security headers on every response, the 413 that BodySizeLimitFilter answers before Spring
     * Security runs included: Spring Security's own header writers in a filter of their own, first of all.
     */
    @Bean
    FilterRegistrationBean<HeaderWriterFilter> securityHeaders() {
        FilterRegistrationBean<HeaderWriterFilter> registration = new FilterRegistrationBean<>(new HeaderWriterFilter(List.of(
                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY),
                new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
                new XContentTypeOptionsHeaderWriter(),
                new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER))));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * A bearer token is first looked up among the service's API tokens (a hash and one indexed read),
     * then, if JWTs are accepted, verified as one.
     */
    private static AuthenticationManager bearerTokens(ApiTokens tokens, JwtDecoder jwtDecoder, SecuritySettings settings) {
        JwtAuthenticationProvider jwt = null;
        if (jwtDecoder != null) {
            jwt = new JwtAuthenticationProvider(jwtDecoder);
            jwt.setJwtAuthenticationConverter(new JwtRoles(settings.jwt().rolesClaim()));
        }
        JwtAuthenticationProvider jwtProvider = jwt;
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            Authentication caller;
            try {
                caller = tokens.authenticate(token).orElse(null);
            } catch (DataAccessException e) {
                throw new SignInUnavailableException("The token store", e);
            }
            if (caller != null) {
                return caller;
            }
            if (jwtProvider != null) {
                return jwt(jwtProvider, authentication);
            }
            throw new InvalidBearerTokenException("Unknown or revoked API token");
        };
    }

    /**
     * A JWT the provider's keys reject is a 401 (InvalidBearerTokenException, from the provider); one
     * that cannot be checked because the issuer's discovery document or key set cannot be fetched is a
     * 503. Spring Security reports the latter as an AuthenticationServiceException, which its filter
     * rethrows (a 500), and Spring Boot's lazy issuer lookup as a JwtDecoderInitializationException.
     */
    static Authentication jwt(JwtAuthenticationProvider provider, Authentication token) {
        try {
            return provider.authenticate(token);
        } catch (AuthenticationServiceException | JwtDecoderInitializationException e) {
            throw new SignInUnavailableException("The identity provider", e);
        }
    }

    /**
     * A read: GET, and HEAD with it. Spring MVC answers a HEAD with the GET handler (the same headers,
     * no body), so a HEAD must need what the GET needs; without it HEAD fell through to the PLANNER and
     * ADMIN rules, and a VIEWER got 403 for {@code HEAD /plans} (issue 30).
     */
    private static RequestMatcher read(String... patterns) {
        return new OrRequestMatcher(on(GET, patterns), on(HEAD, patterns));
    }

    private static RequestMatcher on(HttpMethod method, String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns).<RequestMatcher>map(p -> PATHS.matcher(method, p)).toList());
    }

    private static RequestMatcher any(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns).<RequestMatcher>map(PATHS::matcher).toList());
    }
}

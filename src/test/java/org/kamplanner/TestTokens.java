package org.kamplanner;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The admin token the tests call the API with: src/test/resources/config/application.properties sets
 * kam-planner.security.admin-token to it. SecurityRestTest makes tokens of the other roles.
 */
public final class TestTokens {

    public static final String ADMIN = "test-admin-token";
    /** The value of the Authorization header that carries {@link #ADMIN}. */
    public static final String ADMIN_BEARER = "Bearer " + ADMIN;

    /** Adds the admin token to a request that does not carry a token of its own. */
    private static final ClientHttpRequestInterceptor ADMIN_TOKEN = (request, body, execution) -> {
        if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, ADMIN_BEARER);
        }
        return execution.execute(request, body);
    };

    private TestTokens() {
    }

    /**
     * The Spring context's TestRestTemplate, sending the admin token with every request. The template
     * is shared by the tests of one context, so the token is added only once.
     */
    public static TestRestTemplate asAdmin(TestRestTemplate rest) {
        List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(rest.getRestTemplate().getInterceptors());
        if (!interceptors.contains(ADMIN_TOKEN)) {
            interceptors.add(ADMIN_TOKEN);
            rest.getRestTemplate().setInterceptors(interceptors);
        }
        return rest;
    }
}

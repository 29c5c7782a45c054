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
     * A template of the caller's own that sends the admin token with every request: a copy of the Spring
     * context's TestRestTemplate (same root URI, converters and request factory), never that template
     * itself. The context's template is shared by every test class that runs on the same cached context,
     * so changing it made the admin token leak into classes that call without a token (an order-dependent
     * 401 that was a 200 in CI, ErrorLanguageRestTest and OpenApiDocumentTest).
     */
    public static TestRestTemplate asAdmin(TestRestTemplate shared) {
        TestRestTemplate admin = shared.withRequestFactorySettings(settings -> settings);
        List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(admin.getRestTemplate().getInterceptors());
        interceptors.add(ADMIN_TOKEN);
        admin.getRestTemplate().setInterceptors(interceptors);
        return admin;
    }
}

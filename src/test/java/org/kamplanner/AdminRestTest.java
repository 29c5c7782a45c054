package org.kamplanner;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A test that calls the service over its real HTTP port as the admin: the service is secured by
 * default, so every call carries the admin token (TestTokens). The subclass says how the service is
 * started (its own {@code @SpringBootTest} with a random port and any properties).
 */
public abstract class AdminRestTest {

    protected TestRestTemplate rest;

    @Autowired
    protected ObjectMapper mapper;

    @Autowired
    void rest(TestRestTemplate rest) {
        this.rest = TestTokens.asAdmin(rest);
    }
}

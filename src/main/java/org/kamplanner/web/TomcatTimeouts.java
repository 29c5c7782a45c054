package org.kamplanner.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import jakarta.servlet.ServletException;

/**
 * A body read that gets nothing for {@code kam-planner.http.upload-timeout} fails (Tomcat's
 * connectionUploadTimeout, which Tomcat applies only with disableUploadTimeout=false; Spring Boot has no
 * property for either). Without it a body read waits for the connection timeout of each read. The
 * minimum data rate over the whole body is SlowBodyFilter's; the pool sizes are properties
 * (application.properties, docs/deployment.md).
 * <p>
 * After an error answer Tomcat reads ("swallows") the rest of an unread body, up to max-swallow-size, so
 * that the connection can be kept alive. A client dripping one byte a second held the worker thread in that
 * swallow for hours after its 401 or 408 (issue 30): {@link NoSwallowAfterError} closes such a connection
 * instead.
 */
@Component
class TomcatTimeouts implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration uploadTimeout;

    TomcatTimeouts(@Value("${kam-planner.http.upload-timeout:10s}") Duration uploadTimeout) {
        this.uploadTimeout = uploadTimeout;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout((int) uploadTimeout.toMillis());
            }
        });
        factory.addContextValves(new NoSwallowAfterError());
    }

    /**
     * An error answer to a request whose body was not read to its end closes the connection rather than
     * reading the rest: Tomcat's DISABLE_SWALLOW_INPUT, the action it takes itself after a 413 upload.
     */
    static final class NoSwallowAfterError extends ValveBase {

        NoSwallowAfterError() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            try {
                getNext().invoke(request, response);
            } finally {
                // Not after the body cap's 413: Tomcat reads the rest of that body up to its maxSwallowSize
                // (2 MB), so a client still sending a chunked body reads its answer instead of a reset
                // connection (BadInputRestTest.oversizeChunkedBody).
                if (response.getStatus() >= 400 && response.getStatus() != 413 && !request.isAsync()
                        && !bodyFullyRead(request)) {
                    // Said in the answer while it can still be: a client told nothing would put the connection
                    // back in its pool and send its next request into the closed socket (SecurityRestTest's
                    // "header parser received no bytes"). A 408 says it itself (ApiExceptionHandler).
                    if (!response.isCommitted()) {
                        response.setHeader("Connection", "close");
                    }
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        }

        private static boolean bodyFullyRead(Request request) {
            AtomicBoolean read = new AtomicBoolean();
            request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
            return read.get();
        }
    }
}

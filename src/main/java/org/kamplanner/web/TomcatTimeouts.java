package org.kamplanner.web;

import java.io.IOException;
import java.io.InputStream;
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
import org.springframework.util.unit.DataSize;

import jakarta.servlet.ServletException;

/**
 * A body read that gets nothing for {@code kam-planner.http.upload-timeout} fails (Tomcat's
 * connectionUploadTimeout, which Tomcat applies only with disableUploadTimeout=false; Spring Boot has no
 * property for either). Without it a body read waits for the connection timeout of each read. The
 * minimum data rate over the whole body is SlowBodyFilter's; the pool sizes are properties
 * (application.properties, docs/deployment.md).
 * <p>
 * After an answer Tomcat reads ("swallows") the rest of an unread body, up to max-swallow-size, so that
 * the connection can be kept alive. A client dripping one byte a second held the worker thread in that
 * swallow for hours after its 401 or 408, or after a 200 for a page file asked for with a body (issue 30):
 * {@link NoSwallowAfterError} closes such a connection instead.
 */
@Component
class TomcatTimeouts implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Duration uploadTimeout;
    private final DataSize maxSwallowSize;

    TomcatTimeouts(@Value("${kam-planner.http.upload-timeout:10s}") Duration uploadTimeout,
            @Value("${server.tomcat.max-swallow-size:2MB}") DataSize maxSwallowSize) {
        this.uploadTimeout = uploadTimeout;
        this.maxSwallowSize = maxSwallowSize;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setDisableUploadTimeout(false);
                http.setConnectionUploadTimeout((int) uploadTimeout.toMillis());
            }
        });
        factory.addContextValves(new NoSwallowAfterError(maxSwallowSize.toBytes()));
    }

    /**
     * A request whose body was not read to its end closes its connection rather than letting Tomcat read the
     * rest: Tomcat's DISABLE_SWALLOW_INPUT, the action it takes itself after a 413 upload. An error answer
     * (a 401 or 403 before the body, a 400 at its first bad byte, a 413 for a body declared over the cap)
     * closes at once. An answer that did not need the body (a page file, the plan list asked for with a body)
     * and the 413 of a body read up to the cap first read the rest for at most {@link #DRAIN_TIME}: a client
     * whose body is all there keeps its connection and reads its answer, one still dripping is cut off.
     * Before, Tomcat read such a rest up to 2 MB at whatever pace it came, one byte a second for weeks.
     */
    static final class NoSwallowAfterError extends ValveBase {

        /** Longer than a client whose body is all on its way takes to send the rest. */
        static final Duration DRAIN_TIME = Duration.ofSeconds(1);

        /** At most Tomcat's own max-swallow-size, as its swallow would read. */
        private final long drainBytes;

        NoSwallowAfterError(long drainBytes) {
            super(true);
            this.drainBytes = drainBytes;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            try {
                getNext().invoke(request, response);
            } finally {
                if (!request.isAsync() && !bodyFullyRead(request)
                        && !(mayDrain(request, response) && drained(request, drainBytes))) {
                    // Said in the answer while it can still be: a client told nothing would put the connection
                    // back in its pool and send its next request into the closed socket (SecurityRestTest's
                    // "header parser received no bytes"). A 408 says it itself (ApiExceptionHandler), and so do
                    // the 401, 403 and the declared 413, which are written and committed before this runs.
                    if (!response.isCommitted()) {
                        response.setHeader("Connection", "close");
                    }
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        }

        /**
         * Not after an error answer, whose connection closes anyway; but after the body cap's 413 for a body
         * read up to the cap, so a client still sending a chunked body reads its answer instead of a reset
         * connection (BadInputRestTest.oversizeChunkedBody).
         */
        private static boolean mayDrain(Request request, Response response) {
            int status = response.getStatus();
            return status < 400 || status == 413 && request.getCoyoteRequest().getBytesRead() > 0;
        }

        /** The rest of the body read and dropped within {@link #DRAIN_TIME} and {@code maxBytes}. */
        private static boolean drained(Request request, long maxBytes) {
            long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
            byte[] buffer = new byte[8192];
            long left = maxBytes;
            try {
                InputStream in = request.getStream();
                while (left > 0 && System.nanoTime() < deadline) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return true;
                    }
                    left -= n;
                }
            } catch (IOException unreadable) {
                // The upload timeout, a reset or a broken chunk: the connection is no use any more.
            }
            return bodyFullyRead(request);
        }

        private static boolean bodyFullyRead(Request request) {
            AtomicBoolean read = new AtomicBoolean();
            request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
            return read.get();
        }
    }
}

package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.kamplanner.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * Issue 30, slow bodies: more clients than the service has worker threads each send the body of a
 * {@code PUT /plans/analyze} one byte at a time. Health still answers, and every slow request is cut off
 * with a 408 problem and its connection closed, instead of holding a thread for as long as it drips.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=4",
        "kam-planner.http.body-grace=2s", "kam-planner.http.min-body-rate=1000",
        "kam-planner.http.upload-timeout=3s" })
class SlowClientRestTest extends AdminRestTest {

    private static final int CLIENTS = 10;

    @LocalServerPort
    private int port;

    private final ScheduledExecutorService drip = Executors.newScheduledThreadPool(2);
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        drip.shutdownNow();
        readers.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void clientsDrippingTheirBodiesAreCutOffAndHealthStillAnswers() throws IOException {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(dripping("Authorization: " + TestTokens.ADMIN_BEARER + "\r\n"));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK));
        await().atMost(Duration.ofSeconds(60)).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<String> answer : answers) {
            String response = answer.join();
            // Cut off with the problem, or (a client whose read the upload timeout ended) closed unanswered.
            if (!response.isEmpty()) {
                assertThat(response).startsWith("HTTP/1.1 408").contains("application/problem+json",
                        "Connection: close", "slower than 1000 bytes a second");
            }
        }
        assertThat(answers).as("at least one slow client got the 408 problem")
                .anyMatch(answer -> answer.join().startsWith("HTTP/1.1 408"));
    }

    /**
     * Without a token the answer is a 401 before the body is read; Tomcat would then read ("swallow") the
     * rest of the dripping body to keep the connection, holding the thread for hours. It closes instead.
     */
    @Test
    void aClientDrippingWithoutATokenIsAnsweredAndClosed() throws IOException {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(dripping(""));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().allMatch(CompletableFuture::isDone));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 401"));
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * A client that sends its headers at once and then one byte of its body every 100 ms; the answer is
     * everything the service sends until it closes the connection.
     */
    private CompletableFuture<String> dripping(String authorization) throws IOException {
        Socket socket = new Socket("localhost", port);
        sockets.add(socket);
        socket.setSoTimeout(120_000);
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /plans/analyze HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + authorization + "Content-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = drip.scheduleAtFixedRate(() -> {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException closed) {
                task[0].cancel(false);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException reset) {
                return "";
            } finally {
                task[0].cancel(false);
            }
        }, readers);
    }
}

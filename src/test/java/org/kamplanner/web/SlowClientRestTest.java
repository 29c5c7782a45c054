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
import java.util.Map;
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

import com.fasterxml.jackson.databind.JsonNode;

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
     * Refused before the body is read, with a bad token, a role too weak, or a body whose first bytes are
     * no JSON, whether the body has a length or comes in chunks: answered at once, told that the connection
     * closes (so a client does not send its next request into it), and closed, every worker free again.
     * Each connection's answer is read to its end: one Tomcat kept open to read the rest would still drip
     * when the wait runs out.
     */
    @Test
    void clientsRefusedBeforeTheirBodyIsReadAreToldAndClosed() throws IOException {
        String viewer = "Authorization: Bearer " + viewerToken() + "\r\n";
        String badToken = "Authorization: Bearer not-a-token\r\n";
        String admin = "Authorization: " + TestTokens.ADMIN_BEARER + "\r\n";
        List<CompletableFuture<String>> unauthorized = new ArrayList<>();
        List<CompletableFuture<String>> forbidden = new ArrayList<>();
        List<CompletableFuture<String>> notJson = new ArrayList<>();
        for (boolean chunked : new boolean[] { false, true }) {
            for (int i = 0; i < 3; i++) {
                unauthorized.add(dripping("PUT /plans/analyze", badToken, "{", chunked));
                forbidden.add(dripping("POST /plans", viewer, "{", chunked));
                notJson.add(dripping("POST /plans", admin, "{x", chunked));
            }
        }

        List<CompletableFuture<String>> all = new ArrayList<>(unauthorized);
        all.addAll(forbidden);
        all.addAll(notJson);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch(CompletableFuture::isDone));
        assertThat(unauthorized).allSatisfy(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 401")
                .contains("Connection: close", "application/problem+json"));
        assertThat(forbidden).allSatisfy(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 403")
                .contains("Connection: close", "application/problem+json"));
        assertThat(notJson).allSatisfy(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 400")
                .contains("Connection: close", "application/problem+json"));
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /**
     * Answered without their body being read at all: a page file or the plan list asked for with a body (200),
     * and a body declared over the cap (413, before any token is checked). Tomcat would read ("swallow") the
     * rest after the answer, for as long as it drips; the connection closes instead.
     */
    @Test
    void clientsAnsweredWithoutReadingTheirBodyAreClosed() throws IOException {
        String viewer = "Authorization: Bearer " + viewerToken() + "\r\n";
        List<CompletableFuture<String>> ok = new ArrayList<>();
        List<CompletableFuture<String>> tooLarge = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ok.add(dripping("GET /index.html", "", "{", false));
            ok.add(dripping("GET /plans", viewer, "{", false));
            ok.add(dripping("GET /plans", viewer, "{", true));
            tooLarge.add(dripping("POST /plans", "", "Content-Length: 999999999\r\n\r\n{", false));
        }

        List<CompletableFuture<String>> all = new ArrayList<>(ok);
        all.addAll(tooLarge);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch(CompletableFuture::isDone));
        assertThat(ok).allSatisfy(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 200"));
        assertThat(tooLarge).allSatisfy(answer -> assertThat(answer.join()).startsWith("HTTP/1.1 413")
                .contains("Connection: close"));
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private String viewerToken() {
        return rest.postForObject("/admin/tokens", Map.of("name", "SlowClientRestTest", "role", "VIEWER"),
                JsonNode.class).get("token").asText();
    }

    private CompletableFuture<String> dripping(String authorization) throws IOException {
        return dripping("PUT /plans/analyze", authorization, "{", false);
    }

    /**
     * A client that sends its headers and the body's first bytes at once, then one byte of its body every
     * 100 ms (with a Content-Length of 100,000, or chunks of one byte); the answer is everything the
     * service sends until it closes the connection.
     */
    private CompletableFuture<String> dripping(String request, String authorization, String start, boolean chunked)
            throws IOException {
        Socket socket = new Socket("localhost", port);
        sockets.add(socket);
        socket.setSoTimeout(120_000);
        OutputStream out = socket.getOutputStream();
        String framing = chunked ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(start.length()) + "\r\n"
                + start + "\r\n" : "Content-Length: 100000\r\n\r\n" + start;
        if (start.startsWith("Content-Length:")) {
            framing = start;
        }
        out.write((request + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + authorization
                + framing).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] oneByte = (chunked ? "1\r\n \r\n" : " ").getBytes(StandardCharsets.US_ASCII);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = drip.scheduleAtFixedRate(() -> {
            try {
                out.write(oneByte);
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

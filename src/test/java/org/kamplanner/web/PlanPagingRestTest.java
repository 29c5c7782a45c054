package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /plans} a page at a time over a real HTTP port (issue 30: 185 KB unpaged at 525 plans): the
 * pages joined by their {@code Link} headers are the whole list, {@code X-Total-Count} counts it, and a
 * limit or offset that is not a whole number in its range is a 400 naming the parameter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlanPagingRestTest extends AdminRestTest {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>; rel=\"(next|prev)\"");

    @Test
    void thePagesFollowedByTheirLinksAreTheWholeList() {
        for (int i = 0; i < 5; i++) {
            submit("paging " + i);
        }
        ResponseEntity<JsonNode> whole = get("/plans?limit=1000");
        int total = Integer.parseInt(whole.getHeaders().getFirst("X-Total-Count"));
        List<String> all = whole.getBody().findValuesAsText("id");
        assertThat(total).isEqualTo(all.size()).isGreaterThanOrEqualTo(5);

        List<String> paged = new ArrayList<>();
        String next = "/plans?limit=2";
        int pages = 0;
        while (next != null) {
            ResponseEntity<JsonNode> page = get(next);
            assertThat(page.getBody().isArray()).isTrue();
            assertThat(page.getBody().size()).isBetween(1, 2);
            assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo(Integer.toString(total));
            if (pages > 0) {
                assertThat(link(page, "prev")).isEqualTo("/plans?limit=2&offset=" + 2 * (pages - 1));
            } else {
                assertThat(link(page, "prev")).isNull();
            }
            page.getBody().forEach(plan -> paged.add(plan.get("id").asText()));
            next = link(page, "next");
            pages++;
        }
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo((total + 1) / 2);
    }

    @Test
    void withoutAQueryAPageIsTheFirstHundred() {
        submit("paging default");
        ResponseEntity<JsonNode> first = get("/plans");
        int total = Integer.parseInt(first.getHeaders().getFirst("X-Total-Count"));
        assertThat(first.getBody().size()).isEqualTo(Math.min(total, 100));
        assertThat(link(first, "next")).isEqualTo(total > 100 ? "/plans?limit=100&offset=100" : null);

        ResponseEntity<JsonNode> beyond = get("/plans?offset=" + (total + 10) + "&limit=3");
        assertThat(beyond.getBody()).isEmpty();
        assertThat(link(beyond, "next")).isNull();
        assertThat(link(beyond, "prev")).isEqualTo("/plans?limit=3&offset=" + Math.max(0, total - 3));
    }

    @Test
    void aBadLimitOrOffsetIsA400NamingIt() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "limit=1e3", "limit=-5", "limit=",
                "limit=" + "9".repeat(100))) {
            JsonNode problem = badRequest("/plans?" + query, null);
            assertThat(problem.get("errors")).extracting(e -> e.get("path").asText()).as(query).containsExactly("limit");
            assertThat(problem.at("/errors/0/message").asText()).as(query).startsWith("must be a whole number from 1 to 1,000");
        }
        JsonNode offset = badRequest("/plans?offset=-1", null);
        assertThat(offset.get("errors")).extracting(e -> e.get("path").asText(), e -> e.get("message").asText())
                .containsExactly(tuple("offset", "must be a whole number, 0 or more (plans to skip), was '-1'"));

        JsonNode both = badRequest("/plans?limit=2000&offset=x", "de");
        assertThat(both.get("errors")).extracting(e -> e.get("path").asText(), e -> e.get("message").asText())
                .containsExactly(tuple("limit", "muss eine ganze Zahl von 1 bis 1.000 sein (Pläne je Seite), war '2000'"),
                        tuple("offset", "muss eine ganze Zahl ab 0 sein (zu überspringende Pläne), war 'x'"));
        // A long value is echoed shortened, as every other.
        assertThat(badRequest("/plans?limit=" + "9".repeat(100), null).at("/errors/0/message").asText()).hasSizeLessThan(150);
    }

    private void submit(String name) {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.put("name", name);
        budgeted(plan, 20_000);
        assertThat(rest.postForEntity("/plans", plan, JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private ResponseEntity<JsonNode> get(String url) {
        ResponseEntity<JsonNode> page = rest.getForEntity(url, JsonNode.class);
        assertThat(page.getStatusCode()).as(url).isEqualTo(HttpStatus.OK);
        return page;
    }

    private JsonNode badRequest(String url, String language) {
        HttpHeaders headers = new HttpHeaders();
        if (language != null) {
            headers.setAcceptLanguageAsLocales(List.of(Locale.forLanguageTag(language)));
        }
        ResponseEntity<JsonNode> answer = rest.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
        assertThat(answer.getStatusCode()).as(url).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        return answer.getBody();
    }

    private static String link(ResponseEntity<JsonNode> page, String rel) {
        String header = page.getHeaders().getFirst(HttpHeaders.LINK);
        if (header == null) {
            return null;
        }
        Matcher links = LINK.matcher(header);
        while (links.find()) {
            if (links.group(2).equals(rel)) {
                return links.group(1);
            }
        }
        return null;
    }
}

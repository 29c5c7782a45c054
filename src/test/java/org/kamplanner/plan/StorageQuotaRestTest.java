package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 30, storage: one client may keep at most two plans and 12 KB of them here. A plan over the bytes
 * is 507, a plan too many is 429, each a problem+json in the caller's language, and neither is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "kam-planner.store.max-plans-per-client=2", "kam-planner.store.max-bytes-per-client=12KB" })
class StorageQuotaRestTest extends AdminRestTest {

    @Test
    void aPlanOverTheBytesIs507AndOneTooManyIs429AndNeitherIsStored() {
        ObjectNode large = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        large.putObject("settings").put("terminationSeconds", 1);
        assertThat(large.toString().length()).as("dach-small is over the 12 KB quota").isGreaterThan(12 * 1024);
        ObjectNode small = large.deepCopy();
        ArrayNode accounts = (ArrayNode) small.get("accounts");
        while (accounts.size() > 2) {
            accounts.remove(accounts.size() - 1);
        }
        assertThat(small.toString().length()).as("two small plans fit").isLessThan(4 * 1024);
        int before = plans();

        ResponseEntity<JsonNode> tooLarge = post(large, "en");
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
        assertThat(tooLarge.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(tooLarge.getBody().get("title").asText()).isEqualTo("Storage quota used up");
        assertThat(tooLarge.getBody().get("detail").asText()).startsWith("Your stored plans would take more than 0 MB")
                .contains("purge");
        assertThat(plans()).isEqualTo(before);

        assertThat(post(small, "en").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post(small, "en").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> tooMany = post(small, "de");
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(tooMany.getBody().get("title").asText()).isEqualTo("Speicherkontingent erschöpft");
        assertThat(tooMany.getBody().get("detail").asText())
                .startsWith("Sie haben 2 gespeicherte Pläne, die meisten, die ein Client behalten darf");
        assertThat(plans()).isEqualTo(before + 2);
    }

    private ResponseEntity<JsonNode> post(ObjectNode plan, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAcceptLanguageAsLocales(List.of(java.util.Locale.forLanguageTag(language)));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.postForEntity("/plans", new HttpEntity<>(plan, headers), JsonNode.class);
    }

    /** Every stored plan, counted by X-Total-Count: the list is paged (100 by default), the count is not. */
    private int plans() {
        ResponseEntity<JsonNode> page = rest.getForEntity("/plans?limit=1", JsonNode.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return Integer.parseInt(page.getHeaders().getFirst("X-Total-Count"));
    }
}

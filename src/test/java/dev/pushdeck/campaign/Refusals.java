package dev.pushdeck.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pushdeck.ApiClient;
import java.util.List;

/** What a 422 of the campaign API says: its field errors, each a path and a message in the caller's language. */
final class Refusals {

    private Refusals() {
    }

    /** Asserts a 422 with {@code message} among the errors on {@code field}. */
    static void assertRefused(ApiClient.Answer answer, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(message);
        });
    }

    /** The fields an answer's errors name, in their order. */
    static List<String> fields(ApiClient.Answer answer) {
        return answer.json().get("errors").findValuesAsText("field");
    }
}

package dev.pushdeck.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pushdeck.ApiClient;
import dev.pushdeck.PushdeckTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The contract lives in the repository: the served {@code /v3/api-docs} must equal the
 * committed docs/openapi.json (from which the build generates the Java client the
 * end-to-end test drives), and must stay complete. After a deliberate API change, accept the
 * new document with {@code ./mvnw test -Dtest=ApiContractTest -Dopenapi.accept=true} and
 * commit it with the change.
 */
@PushdeckTest
class ApiContractTest {

    static final Path COMMITTED = Path.of("docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @LocalServerPort
    int port;

    private JsonNode served() {
        ApiClient.Answer docs = new ApiClient(port).get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        return docs.json();
    }

    /** The document as committed: servers (the test's random port) are left out. */
    private static String text(JsonNode document) throws IOException {
        ((com.fasterxml.jackson.databind.node.ObjectNode) document).remove("servers");
        Object sorted = JSON.treeToValue(document, Object.class);
        return JSON.writeValueAsString(sorted) + "\n";
    }

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        String served = text(served());
        Path written = Path.of("target", "openapi.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, served, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.accept")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/openapi.json differs from the served document (written to target/openapi.json); "
                        + "accept a deliberate change with -Dopenapi.accept=true and commit it")
                .isEqualTo(served);
    }

    @Test
    void everyOperationHasASummaryTheBearerSchemeErrorsAndSchemas() {
        JsonNode document = served();
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearer")).isTrue();
        List<String> gaps = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (operation.path("summary").asText().isBlank()) {
                gaps.add(name + ": no summary");
            }
            for (String error : List.of("400", "401", "403", "404", "422")) {
                if (!operation.at("/responses/" + error + "/content/application~1problem+json/schema").has("$ref")) {
                    gaps.add(name + ": no " + error + " problem");
                }
            }
            boolean answered = false;
            for (Map.Entry<String, JsonNode> response : iterable(operation.get("responses"))) {
                if (response.getKey().startsWith("2")) {
                    answered = true;
                    boolean empty = response.getKey().equals("204");
                    if (!empty && response.getValue().path("content").isEmpty()) {
                        gaps.add(name + ": " + response.getKey() + " without a schema");
                    }
                }
            }
            if (!answered) {
                gaps.add(name + ": no success answer");
            }
            boolean takesBody = List.of("post", "put", "patch").contains(op.getKey());
            if (takesBody && operation.has("requestBody")) {
                operation.get("requestBody").get("content").fields().forEachRemaining(type -> {
                    if (type.getKey().contains("json") && type.getValue().path("schema").path("type").asText()
                            .equals("string")) {
                        gaps.add(name + ": its JSON body is documented as a string");
                    }
                });
            }
        }));
        assertThat(gaps).isEmpty();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}

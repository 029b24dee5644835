package dev.pushdeck.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Completes the served OpenAPI document ({@code /v3/api-docs}) with what annotations on each
 * handler would only repeat: the title, the bearer scheme every endpoint uses, the problem
 * document and the error answers each kind of operation can give, the Idempotency-Key
 * header of creating POSTs, and the Link header of cursor-paged lists. docs/openapi.json is
 * this document as committed; a test fails when they differ (docs/decisions/033-api-contract-in-the-repository.md).
 */
@Component
class ApiContract implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info().title("Pushdeck REST API").version("v1").description("Everything a team does in the "
                + "console, over HTTP. The readable guide with examples, limits and errors is docs/api.md."));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("A team API token (pdt_…); an app key (pdk_…) for device "
                        + "registrations only")).addSchemas(PROBLEM, problemSchema()));
        api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(ApiContract::complete));
        }
    }

    private static void complete(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.keySet().removeIf(code -> code.equals("default"));
        error(responses, "400", "The request could not be read (malformed JSON, a parameter of the wrong type)");
        error(responses, "401", "No credentials, or a token that is unknown or revoked");
        error(responses, "403", "The token's role does not allow this");
        error(responses, "404", "No such path, or an id of another team");
        error(responses, "422", "Invalid content: errors[] names each field");
        if (method != PathItem.HttpMethod.GET) {
            error(responses, "409", "The resource's state does not allow this now");
        }
        if (method == PathItem.HttpMethod.POST && isUpload(operation)) {
            error(responses, "413", "The upload is too large");
        }
        operation.responses(responses);
        if (method == PathItem.HttpMethod.POST && mentionsIdempotency(operation)) {
            operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                    .description("Up to 200 visible ASCII characters. A repeat within 24 hours answers the first "
                            + "answer again (with Idempotent-Replayed: true); the same key with another request "
                            + "is refused with 422").schema(new StringSchema().maxLength(200)));
        }
    }

    private static boolean isUpload(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().keySet().stream()
                .anyMatch(type -> type.startsWith("multipart/") || type.startsWith("text/"));
    }

    /** Handlers marked {@link Idempotent} carry the marker's extension (see {@link ApiOperations}). */
    private static boolean mentionsIdempotency(Operation operation) {
        return operation.getExtensions() != null && operation.getExtensions().containsKey(ApiOperations.IDEMPOTENT);
    }

    private static void error(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(
                            "#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema fieldError = new ObjectSchema().addProperty("field", new StringSchema()
                .description("the field, a JSON path such as audience.tokens[3], or a header name"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("An RFC 9457 problem document, in the caller's language "
                        + "(Accept-Language)")
                .properties(Map.of("type", new StringSchema(), "title", new StringSchema(),
                        "status", new IntegerSchema(), "detail", new StringSchema(), "instance", new StringSchema(),
                        "errors", new ArraySchema().items(fieldError).description("422 only: every invalid field")));
    }
}

package dev.pushdeck.shared.web;

import io.swagger.v3.oas.models.Operation;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Per-operation facts of the OpenAPI document that come from the handler itself:
 * <ul>
 *   <li>a stable operationId, the controller's noun and the method ({@code devicesAdd} for
 *       {@code DevicesController.add}): springdoc's own ids number clashing method names in
 *       scanning order, which would change the committed document and the generated client
 *       with bean order;</li>
 *   <li>the {@value #IDEMPOTENT} mark of {@link Idempotent} handlers, from which
 *       {@link ApiContract} documents the Idempotency-Key header the filter obeys.</li>
 * </ul>
 */
@Component
class ApiOperations implements OperationCustomizer {

    static final String IDEMPOTENT = "x-idempotent";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        String noun = handler.getBeanType().getSimpleName().replace("Controller", "");
        String method = handler.getMethod().getName();
        operation.setOperationId(Character.toLowerCase(noun.charAt(0)) + noun.substring(1)
                + Character.toUpperCase(method.charAt(0)) + method.substring(1));
        if (handler.hasMethodAnnotation(Idempotent.class)) {
            operation.addExtension(IDEMPOTENT, Map.of("window", "PT24H"));
        }
        return operation;
    }
}

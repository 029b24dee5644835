package dev.pushdeck.security.api;

import dev.pushdeck.security.CreatedMetricsToken;
import dev.pushdeck.security.MetricsTokenInfo;
import dev.pushdeck.security.MetricsTokenService;
import dev.pushdeck.shared.web.Idempotent;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tokens for Prometheus: {@code /api/v1/metrics-tokens} (instance-scoped tokens only). */
@RestController
@RequestMapping("/api/v1/metrics-tokens")
@Tag(name = "Metrics tokens")
class MetricsTokensController {

    private final MetricsTokenService tokens;

    MetricsTokensController(MetricsTokenService tokens) {
        this.tokens = tokens;
    }

    record CreateToken(@Nullable String name) {
    }

    @GetMapping
    @Operation(summary = "List live metrics tokens (never their secrets)")
    Page<MetricsTokenInfo> list(@RequestParam(required = false) @Nullable Integer page,
                                @RequestParam(required = false) @Nullable Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<MetricsTokenInfo> all = tokens.list();
        return new Page<>(all.stream().skip((long) pageNo * pageSize).limit(pageSize).toList(), pageNo, pageSize,
                (long) all.size());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent(secretFields = "token")
    @Operation(summary = "Create a token that reads /actuator/prometheus and nothing else; shown only in this answer")
    CreatedMetricsToken create(@RequestBody CreateToken body) {
        return tokens.create(body.name());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a metrics token")
    void revoke(@PathVariable UUID id) {
        tokens.revoke(id);
    }
}

package dev.pushdeck.security.api;

import dev.pushdeck.security.ApiTokenInfo;
import dev.pushdeck.security.ApiTokenService;
import dev.pushdeck.security.CreatedApiToken;
import dev.pushdeck.security.Role;
import dev.pushdeck.shared.error.ValidationException;
import dev.pushdeck.shared.web.Idempotent;
import dev.pushdeck.shared.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
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

/** The team's API tokens: {@code /api/v1/tokens} (ADMIN). */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens")
class ApiTokensController {

    private final ApiTokenService tokens;

    ApiTokensController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    record TokenJson(UUID id, String name, Role role, String prefix, String createdBy, Instant createdAt,
                     Instant lastUsedAt) {
        static TokenJson of(ApiTokenInfo info) {
            return new TokenJson(info.id(), info.name(), info.role(), info.prefix(), info.createdBy(),
                    info.createdAt(), info.lastUsedAt());
        }
    }

    record CreateToken(@Nullable String name, @Nullable String role) {
    }

    record CreatedToken(UUID id, String name, Role role, String token) {
    }

    @GetMapping
    @Operation(summary = "List the team's live tokens (never their secrets)")
    Page<TokenJson> list(@RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        int pageSize = Page.size(size);
        int pageNo = Page.page(page);
        List<ApiTokenInfo> all = tokens.list();
        List<TokenJson> items = all.stream().skip((long) pageNo * pageSize).limit(pageSize).map(TokenJson::of).toList();
        return new Page<>(items, pageNo, pageSize, (long) all.size());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent(secretFields = "token")
    @Operation(summary = "Create a token with a role; the token is shown only in this answer")
    CreatedToken create(@RequestBody CreateToken body) {
        CreatedApiToken created = tokens.create(body.name(), role(body.role()));
        return new CreatedToken(created.id(), created.name(), created.role(), created.token());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token")
    void revoke(@PathVariable UUID id) {
        tokens.revoke(id);
    }

    private static Role role(@Nullable String text) {
        return Role.parse(text).orElseThrow(() -> new ValidationException("role", "error.token.role"));
    }
}

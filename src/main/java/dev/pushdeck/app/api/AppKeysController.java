package dev.pushdeck.app.api;

import dev.pushdeck.app.AppKeyInfo;
import dev.pushdeck.app.AppKeyService;
import dev.pushdeck.app.CreatedAppKey;
import dev.pushdeck.shared.web.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** App keys of one app: {@code /api/v1/apps/{appId}/keys} (ADMIN). */
@RestController
@RequestMapping("/api/v1/apps/{appId}/keys")
@Tag(name = "App keys")
class AppKeysController {

    private final AppKeyService keys;

    AppKeysController(AppKeyService keys) {
        this.keys = keys;
    }

    record CreateKey(String name) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Idempotent(secretFields = "key")
    @Operation(summary = "Create an app key; the key is shown only in this answer")
    CreatedAppKey create(@PathVariable UUID appId, @RequestBody CreateKey body) {
        return keys.create(appId, body.name());
    }

    @GetMapping
    @Operation(summary = "List the app's live keys (never their secrets)")
    List<AppKeyInfo> list(@PathVariable UUID appId) {
        return keys.list(appId);
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an app key")
    void revoke(@PathVariable UUID appId, @PathVariable UUID keyId) {
        keys.revoke(appId, keyId);
    }
}

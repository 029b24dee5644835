package dev.pushdeck.security.api;

import dev.pushdeck.security.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Teams page's "make instance administrator", for instance-scoped tokens. */
@RestController
@RequestMapping("/api/v1/instance-admins")
@Tag(name = "Teams", description = "Instance-scoped tokens only")
class InstanceAdminsController {

    private final UserService users;

    InstanceAdminsController(UserService users) {
        this.users = users;
    }

    record PromotionJson(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String email) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Make the person with this email an instance administrator, who may create teams "
            + "(instance scope); 422 when no account has the email; repeating it changes nothing")
    void promote(@RequestBody PromotionJson body) {
        users.promoteToInstanceAdmin(body.email());
    }
}

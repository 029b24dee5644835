package dev.pushdeck.campaign;

import dev.pushdeck.shared.error.ValidationException.FieldError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the composer shows while someone types: the payload exactly as it would be sent
 * (null while the content cannot be built), the schedule's instants (null without a
 * valid schedule), and every problem, from the same validation that guards saving.
 *
 * @param variantPayloads each content variant's payload, in the draft's order (an element is null while it cannot
 *                        be built); empty without variants
 * @param versionPayloads each further A/B test version's payloads (B, C, D), in the draft's order; empty without
 *                        a test
 */
public record CampaignCheck(@Nullable Payload payload, @Nullable ResolvedSchedule schedule, List<FieldError> errors,
                            List<Payload> variantPayloads, List<VersionPayloads> versionPayloads) {

    /**
     * One A/B test version as it would be sent.
     *
     * @param payload         its default wording's payload, null while it cannot be built
     * @param variantPayloads its wording per locale, in the version's order (an element is null while it cannot be
     *                        built)
     */
    public record VersionPayloads(@Nullable Payload payload, List<Payload> variantPayloads) {
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The first problem with {@code field} (exact, or a path inside it like {@code audience.tokens[2]}). */
    public java.util.Optional<FieldError> errorFor(String field) {
        return errors.stream().filter(e -> e.field().equals(field) || e.field().startsWith(field + ".")
                || e.field().startsWith(field + "[")).findFirst();
    }
}

package dev.pushdeck.security.internal;

import dev.pushdeck.security.internal.ApiTokenRepository.TokenRow;
import dev.pushdeck.shared.SecretTokens;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Checks a presented bearer against the stored tokens of one kind (team API tokens and
 * metrics tokens share a table): the kind's prefix, a live row found by its lookup prefix,
 * the row of that kind, and the secret's hash, compared in constant time. A match has its
 * use recorded (to the minute, see {@link SecretTokens#useWorthRecording}). Call inside a
 * transaction. Thread-safe.
 */
@Component
public class PresentedTokens {

    private final ApiTokenRepository tokens;
    private final Clock clock;

    PresentedTokens(ApiTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The live token {@code bearer} is, if it starts with {@code kind} and its row is {@code ofKind}. */
    public Optional<TokenRow> match(String kind, String bearer, Predicate<TokenRow> ofKind) {
        return SecretTokens.prefixOf(kind, bearer)
                .flatMap(tokens::findActiveByPrefix)
                .filter(ofKind)
                .filter(row -> SecretTokens.matches(bearer, row.secretHash()))
                .map(row -> {
                    if (SecretTokens.useWorthRecording(row.lastUsedAt(), clock.instant())) {
                        tokens.touch(row.id());
                    }
                    return row;
                });
    }
}

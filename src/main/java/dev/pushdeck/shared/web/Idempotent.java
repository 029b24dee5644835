package dev.pushdeck.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a creating {@code POST} handler that honours an {@code Idempotency-Key} header:
 * the first successful answer is stored for the team and replayed for a repeat within 24
 * hours; the same key with a different request is refused. See {@link IdempotencyFilter}
 * and docs/decisions/032-idempotency-keys.md.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {

    /**
     * Top-level fields of the answer that hold a secret shown once: they are never stored,
     * so a replay answers without them.
     */
    String[] secretFields() default {};
}

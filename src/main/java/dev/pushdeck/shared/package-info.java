/**
 * Small pieces every module may use, sorted by kind into named interfaces: errors
 * ({@link dev.pushdeck.shared.error}), JDBC row mapping ({@link dev.pushdeck.shared.jdbc}), words
 * ({@link dev.pushdeck.shared.i18n}), CSV output ({@link dev.pushdeck.shared.csv}), REST conventions
 * ({@link dev.pushdeck.shared.web}) and UI helpers ({@link dev.pushdeck.shared.ui}); the embedded
 * database ({@code db}) is its own. The root holds what is smaller than a kind: the naming rule,
 * secret tokens, the clock and the {@link dev.pushdeck.shared.TrustedCallers} mark
 * (docs/decisions/059-trusted-callers-behind-named-interfaces.md). It names no module above it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared;

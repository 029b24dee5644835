/**
 * History's view of runs: {@link dev.pushdeck.dispatch.reports.RunReports} answers what only the
 * dispatcher knows about a run it controls (docs/decisions/052-the-delivery-log-read-by-history.md).
 *
 * <p>For trusted callers only: the tenant is explicit and no role is checked. Views and
 * controllers read through the history module's role-checked services instead; the live report's
 * ticker, which reads on its own thread without a principal and checks each watcher's membership,
 * is the one exception. {@code ModularityTest} checks it. See
 * docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("reports")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.dispatch.reports;

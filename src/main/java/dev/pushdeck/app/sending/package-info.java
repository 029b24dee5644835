/**
 * The dispatcher's view of apps: the credentials it signs with and what Apple says about them
 * ({@link dev.pushdeck.app.sending.SendingCredentials}).
 *
 * <p>For trusted callers only: the tenant is explicit and no role is checked. Views and
 * controllers use the role-checked {@link dev.pushdeck.app.CredentialService} instead;
 * {@code ModularityTest} checks it. See docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("sending")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.app.sending;

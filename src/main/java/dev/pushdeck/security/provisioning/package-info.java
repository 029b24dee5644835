/**
 * The tenancy module's view of API tokens: tokens for a team being provisioned and the operator's
 * bootstrap token ({@link dev.pushdeck.security.provisioning.TeamTokens}).
 *
 * <p>For trusted callers only: the team is explicit and no role is checked. Views and controllers
 * create tokens through the role-checked {@link dev.pushdeck.security.ApiTokenService};
 * {@code ModularityTest} checks it. See docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("provisioning")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.security.provisioning;

/**
 * Memberships for code without a principal: sign-in and session refresh, mails to a team's admins,
 * and the live report's ticker checking who still watches
 * ({@link dev.pushdeck.security.memberships.MembershipDirectory}, implemented by the tenancy module).
 *
 * <p>For trusted callers only: user and team are explicit and no role is checked. Views and
 * controllers read the signed-in person's team and role from {@link dev.pushdeck.security.CurrentActor},
 * and members through the tenancy module's role-checked services; {@code ModularityTest} checks it.
 * See docs/decisions/059-trusted-callers-behind-named-interfaces.md.
 */
@org.springframework.modulith.NamedInterface("memberships")
@dev.pushdeck.shared.TrustedCallers
@org.jspecify.annotations.NullMarked
package dev.pushdeck.security.memberships;

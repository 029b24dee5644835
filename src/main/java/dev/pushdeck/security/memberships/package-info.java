/**
 * Who belongs to a team and how they must sign in, for code without a principal or acting for one
 * already checked: sign-in and session refresh, mails to a team's admins and the live report's
 * ticker checking who still watches ({@link dev.pushdeck.security.memberships.MembershipDirectory}
 * and {@link dev.pushdeck.security.memberships.TeamSignInPolicy}, both implemented by the tenancy
 * module), and who has two-factor sign-in on ({@link dev.pushdeck.security.memberships.TwoFactorStates}).
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

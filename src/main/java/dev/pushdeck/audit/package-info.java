/**
 * The append-only record of security-relevant actions: who did what, in which team,
 * when and from where. Depends on no other module; the acting principal comes through
 * {@link dev.pushdeck.audit.AuditActorProvider}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.audit;

/**
 * Who is asking: users and password login, roles, team API tokens, the principal every
 * service reads its team from, and the web security configuration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.security;

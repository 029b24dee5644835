/**
 * Teams (tenants) and memberships: creating teams, adding and removing members, roles,
 * the first start of an empty installation and the demo seed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.tenancy;

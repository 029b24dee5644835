package dev.pushdeck.tenancy;

import java.util.UUID;

/**
 * Demo mode only: the first demo team (Acme Coffee) exists. Published at every start in
 * demo mode, inside the start-up transaction, so other modules can add demo content of
 * their own (and must check whether they did so on an earlier start).
 *
 * @param ownerId the team's owner, to act as when seeding
 */
public record DemoTeamReady(UUID teamId, UUID ownerId) {
}

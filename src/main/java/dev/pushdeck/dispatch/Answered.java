package dev.pushdeck.dispatch;

import dev.pushdeck.dispatch.internal.ClaimRepository.Claimed;
import dev.pushdeck.dispatch.internal.RunRepository.SendableRun;
import dev.pushdeck.dispatch.policy.Outcome;

/** A delivery's reply, judged and waiting to be written. */
record Answered(SendableRun run, Claimed claim, Outcome outcome) {
}

/** The campaign module's storage and rules: repositories, payload building, APNs limits, schedules and Live Activity checks. */
@NullMarked
package dev.pushdeck.campaign.internal;

import org.jspecify.annotations.NullMarked;

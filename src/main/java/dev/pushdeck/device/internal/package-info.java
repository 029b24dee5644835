/** The device module's storage and rules: repositories, token and registration checks, rate limits and the CSV import's reader and jobs. */
@NullMarked
package dev.pushdeck.device.internal;

import org.jspecify.annotations.NullMarked;

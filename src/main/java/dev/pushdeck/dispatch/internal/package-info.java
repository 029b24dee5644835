/** The dispatch module's SQL: the delivery queue, runs and their counters, broadcast channels and engagement events. */
@NullMarked
package dev.pushdeck.dispatch.internal;

import org.jspecify.annotations.NullMarked;

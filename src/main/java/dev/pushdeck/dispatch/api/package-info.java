/** The dispatch module's REST endpoints: an app's broadcast channels and the opens and receipts apps report. */
@NullMarked
package dev.pushdeck.dispatch.api;

import org.jspecify.annotations.NullMarked;

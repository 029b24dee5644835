/** The dispatch module's views: an app's broadcast channels, and the dialogs that create one and broadcast to it. */
@NullMarked
package dev.pushdeck.dispatch.ui;

import org.jspecify.annotations.NullMarked;

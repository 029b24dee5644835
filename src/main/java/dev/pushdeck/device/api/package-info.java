/** The device REST endpoints: registration by apps with their key, and the device list, import and export for people. */
@NullMarked
package dev.pushdeck.device.api;

import org.jspecify.annotations.NullMarked;

/** The device views: the device list with its filters, import and export, and one device's detail with its Live Activity tokens. */
@NullMarked
package dev.pushdeck.device.ui;

import org.jspecify.annotations.NullMarked;

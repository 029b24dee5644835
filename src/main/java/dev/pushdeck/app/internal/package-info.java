@NullMarked
package dev.pushdeck.app.internal;

import org.jspecify.annotations.NullMarked;

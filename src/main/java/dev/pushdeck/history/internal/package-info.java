@NullMarked
package dev.pushdeck.history.internal;

import org.jspecify.annotations.NullMarked;

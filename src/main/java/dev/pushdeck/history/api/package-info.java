@NullMarked
package dev.pushdeck.history.api;

import org.jspecify.annotations.NullMarked;

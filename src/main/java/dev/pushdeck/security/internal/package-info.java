@NullMarked
package dev.pushdeck.security.internal;

import org.jspecify.annotations.NullMarked;

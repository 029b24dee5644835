@NullMarked
package dev.pushdeck.audit.internal;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.pushdeck.audit.api;

import org.jspecify.annotations.NullMarked;

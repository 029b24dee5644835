@NullMarked
package dev.pushdeck.security.api;

import org.jspecify.annotations.NullMarked;

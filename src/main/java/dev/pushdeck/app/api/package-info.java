@NullMarked
package dev.pushdeck.app.api;

import org.jspecify.annotations.NullMarked;

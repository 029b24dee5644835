@NullMarked
package dev.pushdeck.security.ui;

import org.jspecify.annotations.NullMarked;

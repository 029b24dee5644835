@NullMarked
package dev.pushdeck.history.ui;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.pushdeck.app.ui;

import org.jspecify.annotations.NullMarked;

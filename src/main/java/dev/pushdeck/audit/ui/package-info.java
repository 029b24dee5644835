@NullMarked
package dev.pushdeck.audit.ui;

import org.jspecify.annotations.NullMarked;

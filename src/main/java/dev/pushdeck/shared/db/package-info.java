@NullMarked
package dev.pushdeck.shared.db;

import org.jspecify.annotations.NullMarked;

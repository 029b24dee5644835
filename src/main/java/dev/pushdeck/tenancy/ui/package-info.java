@NullMarked
package dev.pushdeck.tenancy.ui;

import org.jspecify.annotations.NullMarked;

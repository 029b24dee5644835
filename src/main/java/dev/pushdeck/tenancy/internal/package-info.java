@NullMarked
package dev.pushdeck.tenancy.internal;

import org.jspecify.annotations.NullMarked;

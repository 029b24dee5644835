@NullMarked
package dev.pushdeck.tenancy.api;

import org.jspecify.annotations.NullMarked;

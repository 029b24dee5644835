/** Reusable UI pieces for the views of every module. */
@org.springframework.modulith.NamedInterface("ui")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared.ui;

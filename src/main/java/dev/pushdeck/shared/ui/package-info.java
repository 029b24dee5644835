/** Reusable UI pieces for the views of every module. */
@org.springframework.modulith.NamedInterface("ui")
package dev.pushdeck.shared.ui;

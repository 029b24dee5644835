/** REST conventions shared by every module's controllers: pages and problem documents. */
@org.springframework.modulith.NamedInterface("web")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared.web;

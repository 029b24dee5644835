/** REST conventions shared by every module's controllers: pages and problem documents. */
@org.springframework.modulith.NamedInterface("web")
package dev.pushdeck.shared.web;

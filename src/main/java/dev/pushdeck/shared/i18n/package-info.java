/**
 * The product's words outside views: {@link dev.pushdeck.shared.i18n.Messages} finds every module's
 * bundle under {@code i18n/} by pattern, and {@link dev.pushdeck.shared.i18n.StoredReasons} keeps a
 * reason in the database as a message key, so each reader sees it in their own language.
 */
@org.springframework.modulith.NamedInterface("i18n")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared.i18n;

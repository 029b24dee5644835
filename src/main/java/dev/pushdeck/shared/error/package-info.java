/**
 * The errors every module throws, each carrying a message key the reader sees in their language:
 * {@link dev.pushdeck.shared.error.ValidationException} (422 with the fields), {@link
 * dev.pushdeck.shared.error.ConflictException} (409), {@link dev.pushdeck.shared.error.NotFoundException}
 * (404, also for another team's ids), and {@link dev.pushdeck.shared.error.HttpStatusHint} for a module's
 * own status. The REST advice ({@code shared.web.ApiProblems}) and the views' error handling turn
 * them into problem documents and notifications.
 */
@org.springframework.modulith.NamedInterface("error")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.shared.error;

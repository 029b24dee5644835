/** The campaign views: the campaign list, the composer with its audience, schedule and Live Activity fields, templates and test sends. */
@NullMarked
package dev.pushdeck.campaign.ui;

import org.jspecify.annotations.NullMarked;

/** The campaign REST endpoints: campaigns and their lifecycle, direct notifications and templates. */
@NullMarked
package dev.pushdeck.campaign.api;

import org.jspecify.annotations.NullMarked;

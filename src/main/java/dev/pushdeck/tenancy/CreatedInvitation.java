package dev.pushdeck.tenancy;

import dev.pushdeck.mail.MailOutcome;

/**
 * An invitation just made (or given a new link): {@code link} is the only time its secret is
 * available, for the admin to pass on when {@code mail} is not {@link MailOutcome#SENT}.
 */
public record CreatedInvitation(Invitation invitation, String link, MailOutcome mail) {

    /** The secret at the end of the link, e.g. for a client that builds its own page. */
    public String token() {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "CreatedInvitation[invitation=" + invitation + ", mail=" + mail + "]";
    }
}

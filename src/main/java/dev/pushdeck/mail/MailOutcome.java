package dev.pushdeck.mail;

/** What became of one mail, so the screen can say whether a link still has to be passed on by hand. */
public enum MailOutcome {
    /** The mail server accepted it. */
    SENT,
    /** No mail server is configured; nothing was tried. */
    NOT_CONFIGURED,
    /** The mail server was unreachable or refused it; the failure is logged. */
    FAILED;

    /** The text key that tells an admin what happened to the mail carrying a link. */
    public String linkNoticeKey() {
        return "mail.notice." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

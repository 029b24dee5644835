package dev.pushdeck.security;

/** What the forgotten-password page may say: the same for every address, known or not. */
public enum ForgotPasswordAnswer {
    /** If the address has an account, a link is on its way. */
    MAIL_ON_ITS_WAY_IF_KNOWN,
    /** This server sends no mail: an admin of the person's team or an instance administrator makes links. */
    ASK_AN_ADMIN
}

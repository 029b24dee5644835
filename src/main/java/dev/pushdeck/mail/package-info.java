/**
 * Mail, optional: plain-text mails in the recipient's language when {@code SPRING_MAIL_HOST}
 * is set (invitations, password resets, credential expiry warnings), and the public address
 * links in mails and on screen point to. Without a mail server nothing fails; callers learn
 * that the mail was not sent and tell people to pass links on by hand.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
@org.jspecify.annotations.NullMarked
package dev.pushdeck.mail;

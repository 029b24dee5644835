package dev.pushdeck.mail;

import dev.pushdeck.shared.i18n.Messages;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends plain-text mails whose subject and body are text keys, written in the recipient's
 * language. Mail is optional: without {@code spring.mail.host} there is no mail sender and
 * every mail answers {@link MailOutcome#NOT_CONFIGURED}.
 *
 * <p>Delivery problems never escape: a server that is down, slow (the SMTP timeouts in
 * application.properties bound the wait) or refusing answers {@link MailOutcome#FAILED} and is
 * logged with the recipient and the reason, never the body, which carries one-time links.
 * {@link #send} blocks the calling thread for the SMTP conversation, so call it after the
 * database transaction has committed. Thread-safe.
 */
@Service
public class Mailer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final @Nullable JavaMailSender sender;
    private final String from;
    /** Mails whose sending must not show in the caller's response time (see {@link #sendLater}). */
    private final ExecutorService background = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(200), task -> {
                Thread thread = new Thread(task, "mail-sender");
                thread.setDaemon(true);
                return thread;
            });

    Mailer(ObjectProvider<JavaMailSender> sender, @Value("${pushdeck.mail.from:}") String from,
           @Value("${spring.mail.username:}") String username) {
        JavaMailSender available = sender.getIfAvailable();
        this.sender = hasHost(available) ? available : null;
        this.from = !from.isBlank() ? from : username.contains("@") ? username : "pushdeck@localhost";
    }

    /** Whether a mail server is configured; links are then mailed as well as shown. */
    public boolean configured() {
        return sender != null;
    }

    /**
     * Sends one mail now.
     *
     * @param locale  the recipient's language
     * @param args    the arguments of both the subject and the body text
     */
    public MailOutcome send(String to, Locale locale, String subjectKey, String bodyKey, Object... args) {
        if (sender == null) {
            return MailOutcome.NOT_CONFIGURED;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, false, "UTF-8");
            mail.setFrom(from);
            mail.setTo(to);
            mail.setSubject(Messages.get(locale, subjectKey, args));
            mail.setText(Messages.get(locale, bodyKey, args));
            sender.send(message);
            return MailOutcome.SENT;
        } catch (MailException | MessagingException e) {
            log.warn("Mail '{}' to {} was not sent: {}", subjectKey, to, reason(e));
            return MailOutcome.FAILED;
        }
    }

    /**
     * Sends one mail on a background thread, for answers that must take the same time
     * whether or not a mail goes out (the forgotten-password page). When the queue is full
     * the mail is dropped and logged.
     */
    public void sendLater(String to, Locale locale, String subjectKey, String bodyKey, Object... args) {
        if (sender == null) {
            return;
        }
        try {
            background.execute(() -> send(to, locale, subjectKey, bodyKey, args));
        } catch (RejectedExecutionException e) {
            log.warn("Mail '{}' to {} was dropped: too many mails are waiting", subjectKey, to);
        }
    }

    /**
     * {@link #sendLater} once the caller's transaction has committed (at once without one), so
     * no mail carries a link whose row was rolled back.
     */
    public void sendAfterCommit(String to, Locale locale, String subjectKey, String bodyKey, Object... args) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            sendLater(to, locale, subjectKey, bodyKey, args);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sendLater(to, locale, subjectKey, bodyKey, args);
            }
        });
    }

    /** An empty {@code SPRING_MAIL_HOST} (as Docker Compose passes an unset variable) means no mail too. */
    private static boolean hasHost(JavaMailSender sender) {
        return sender != null && !(sender instanceof JavaMailSenderImpl impl
                && (impl.getHost() == null || impl.getHost().isBlank()));
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void destroy() {
        background.shutdown();
    }
}

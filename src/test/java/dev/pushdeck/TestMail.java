package dev.pushdeck;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tests' mail server: one GreenMail SMTP server per test JVM on a free loopback port,
 * started before the shared Spring context (this initializer is part of {@link PushdeckTest}),
 * which reaches it through {@code spring.mail.port=${pushdeck.test.smtp-port}} in
 * application-test.properties. Tests find their mails by their own unique recipients.
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static GreenMail server;
    private static int port;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        start();
    }

    private static synchronized GreenMail start() {
        if (server == null) {
            port = freePort();
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            System.setProperty("pushdeck.test.smtp-port", Integer.toString(port));
        }
        return server;
    }

    /** Every mail received so far for {@code address}, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(start().getReceivedMessages()).filter(message -> addressedTo(message, address)).toList();
    }

    /** Waits (generously) for the {@code count}-th mail to {@code address} and answers it. */
    public static MimeMessage await(String address, int count) {
        try {
            return Awaitility.await("mail number " + count + " to " + address).atMost(Duration.ofSeconds(20))
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> to(address), mails -> mails.size() >= count).get(count - 1);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no mail number " + count + " to " + address);
        }
    }

    public static String body(MimeMessage message) {
        return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("\r\n", "\n");
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in a mail's body. */
    public static String link(MimeMessage message) {
        Matcher link = LINK.matcher(body(message));
        if (!link.find()) {
            throw new AssertionError("no link in: " + body(message));
        }
        return link.group();
    }

    /** Runs {@code work} while the mail server is down, then starts it again on the same port. */
    public static synchronized void whileDown(Runnable work) {
        start().stop();
        try {
            work.run();
        } finally {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(
                    message.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}

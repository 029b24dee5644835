package dev.pushdeck.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailerTest {

    @Test
    void withoutAMailServerNothingIsTriedAndNothingFails() {
        Mailer mailer = new Mailer(provider(null), "", "");

        assertThat(mailer.configured()).isFalse();
        assertThat(send(mailer)).isEqualTo(MailOutcome.NOT_CONFIGURED);
    }

    @Test
    void anEmptyHostCountsAsNoMailServer() {
        JavaMailSenderImpl blank = new JavaMailSenderImpl();
        blank.setHost("");

        assertThat(new Mailer(provider(blank), "", "").configured()).isFalse();
    }

    @Test
    void aMailServerThatIsDownAnswersFailedInsteadOfThrowing() throws IOException {
        JavaMailSenderImpl down = new JavaMailSenderImpl();
        down.setHost("127.0.0.1");
        try (ServerSocket closedSoon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down.setPort(closedSoon.getLocalPort());
        }
        down.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");

        Mailer mailer = new Mailer(provider(down), "Pushdeck <p@test.example>", "");

        assertThat(mailer.configured()).isTrue();
        assertThat(send(mailer)).isEqualTo(MailOutcome.FAILED);
    }

    private static MailOutcome send(Mailer mailer) {
        return mailer.send("someone@test.example", Locale.ENGLISH, "mail.reset.subject", "mail.reset.body", "Someone",
                "https://console.example/reset/pdr_secret", 60);
    }

    private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (sender != null) {
            beans.registerSingleton("mailSender", sender);
        }
        return beans.getBeanProvider(JavaMailSender.class);
    }
}

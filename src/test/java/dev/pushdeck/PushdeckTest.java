package dev.pushdeck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one test configuration: the whole application on a random port over a throw-away
 * embedded PostgreSQL, a GreenMail SMTP server ({@link TestMail}), single sign-on against the
 * in-JVM OpenID Connect provider of {@link TestOidcProvider} and a clock tests can move
 * ({@link TestClock}), with metrics exported as in production. All of it belongs to this one
 * annotation, so every Spring test uses exactly this configuration and the context (and the
 * database) is started once per test run and shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles("test")
@ContextConfiguration(initializers = {TestMail.class, TestOidcProvider.class})
@Import(TestClock.Configuration.class)
public @interface PushdeckTest {
}

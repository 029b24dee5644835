package dev.pushdeck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one test configuration: the whole application on a random port over a throw-away
 * embedded PostgreSQL, with metrics exported as in production and single sign-on against
 * the in-JVM provider of {@link TestOidcProvider}. Every Spring test uses exactly this, so the context (and the
 * database) is started once per test run and shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestOidcProvider.class)
public @interface PushdeckTest {
}

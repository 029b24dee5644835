package dev.pushdeck;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

class RouteAccessTest {

    private static final List<Class<? extends Annotation>> ACCESS =
            List.of(PermitAll.class, RolesAllowed.class, AnonymousAllowed.class, DenyAll.class);

    @Test
    void everyRouteSaysExplicitlyWhoMayOpenIt() {
        assertThat(routes()).isNotEmpty().allSatisfy(view -> assertThat(
                ACCESS.stream().filter(view::isAnnotationPresent).count())
                .as("access annotations on %s", view.getName()).isEqualTo(1));
    }

    /** Signing in (the form, the code step, the SSO refusal) and the pages one-time links lead to: nothing else is open. */
    @Test
    void onlyTheSignInPagesAndTheLinkPagesAreOpenToAnonymousVisitors() {
        assertThat(routes().filter(view -> view.isAnnotationPresent(AnonymousAllowed.class)).map(Class::getSimpleName))
                .containsExactlyInAnyOrder("LoginView", "TwoFactorView", "NoAccessView", "ForgotPasswordView",
                        "PasswordResetView", "InvitationView");
    }

    private static Stream<Class<?>> routes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        return scanner.findCandidateComponents("dev.pushdeck").stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, RouteAccessTest.class.getClassLoader()));
    }
}

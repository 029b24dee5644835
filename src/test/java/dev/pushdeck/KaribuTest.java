package dev.pushdeck;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.UtilsKt;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.ClassUtils;

/**
 * Base of the view tests: a Vaadin UI in memory (Karibu) wired to the real Spring
 * context, and {@link #login(Authentication)} that makes Vaadin's view access checks see
 * the same person as the services.
 */
@PushdeckTest
public abstract class KaribuTest {

    private static final Routes ROUTES = routes();

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected TestTeams teams;

    @BeforeEach
    void startVaadin() {
        MockVaadin.setup(KaribuTest::browserInUtc, new MockSpringServlet(ROUTES, context, KaribuTest::browserInUtc));
    }

    /**
     * A UI whose browser has already said it is in UTC. Karibu would otherwise answer a
     * little later with a made-up browser in Europe/Helsinki, and times would change zone in
     * the middle of a test; tests about zones call {@link #browserReportsZone(String)}.
     */
    private static UI browserInUtc() {
        UI ui = new UI();
        ui.getInternals().setExtendedClientDetails(browserIn("UTC"));
        return ui;
    }

    /** What a browser whose time zone is {@code zoneId} ("" for one that names none) tells the server. */
    protected static ExtendedClientDetails browserIn(String zoneId) {
        return UtilsKt.createExtendedClientDetails("1920", "1080", "1846", "939", "1846", "939", "0", "0", "0",
                "false", zoneId, null, "false", "1.0", "ROOT-karibu", "Linux x86_64");
    }

    /** From now on the current UI's browser has reported {@code zoneId}, as if its answer had just been stored. */
    protected void browserReportsZone(String zoneId) {
        UI.getCurrent().getInternals().setExtendedClientDetails(browserIn(zoneId));
    }

    @AfterEach
    void stopVaadin() {
        TestSecurity.signOut();
        MockVaadin.tearDown();
    }

    /**
     * Karibu's own discovery sees public classes only; our views are package-private, so
     * routes and layouts are found with Spring's scanner and handed over.
     */
    private static Routes routes() {
        Routes routes = new Routes().autoDiscoverViews("dev.pushdeck");
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Layout.class));
        scanner.findCandidateComponents("dev.pushdeck").forEach(candidate -> routes.getRoutes().add(
                ClassUtils.resolveClassName(candidate.getBeanClassName(), KaribuTest.class.getClassLoader())
                        .asSubclass(Component.class)));
        return routes;
    }

    /** Signs in for both the services (security context) and Vaadin's access checks (request). */
    protected void login(Authentication authentication) {
        TestSecurity.signIn(authentication);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + role)::equals));
    }

    protected void navigate(String location) {
        UI.getCurrent().navigate(location);
    }
}

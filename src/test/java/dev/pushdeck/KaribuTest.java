package dev.pushdeck;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.pushdeck.security.TestSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Base of the view tests: a Vaadin UI in memory (Karibu) wired to the real Spring
 * context, and {@link #login(Authentication)} that makes Vaadin's view access checks see
 * the same person as the services.
 */
@PushdeckTest
public abstract class KaribuTest {

    private static final Routes ROUTES = routes();

    /**
     * Karibu's discovery sees only public classes; views are package-private by convention,
     * so the package-private {@code @Route} classes are added from a Spring classpath scan.
     */
    @SuppressWarnings("unchecked")
    private static Routes routes() {
        Routes routes = new Routes().autoDiscoverViews("dev.pushdeck");
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        for (BeanDefinition view : scanner.findCandidateComponents("dev.pushdeck")) {
            routes.getRoutes().add((Class<? extends Component>) ClassUtils.resolveClassName(view.getBeanClassName(),
                    KaribuTest.class.getClassLoader()));
        }
        return routes;
    }

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected TestTeams teams;

    @BeforeEach
    void startVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void stopVaadin() {
        TestSecurity.signOut();
        MockVaadin.tearDown();
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

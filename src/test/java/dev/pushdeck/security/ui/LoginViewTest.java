package dev.pushdeck.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import dev.pushdeck.KaribuTest;
import org.junit.jupiter.api.Test;

class LoginViewTest extends KaribuTest {

    @Test
    void theLoginPageOffersSingleSignOnByTheProvidersNameBesideTheForm() {
        navigate("login");

        Anchor sso = _get(Anchor.class, spec -> spec.withId("sign-in-sso"));
        assertThat(sso.getText()).isEqualTo("Sign in with Test IdP");
        assertThat(sso.getHref()).isEqualTo("oauth2/authorization/pushdeck");
        assertThat(sso.getElement().hasAttribute("router-ignore")).isTrue();
        assertThat(_find(LoginForm.class)).hasSize(1);
    }

    @Test
    void aProviderThatCannotBeReachedIsNamedOnTheLoginPage() {
        UI.getCurrent().navigate("login", QueryParameters.of("sso-unavailable", ""));

        assertThat(_get(Paragraph.class, spec -> spec.withClasses("login-sso-problem")).getText())
                .contains("cannot be reached");
    }

    @Test
    void theNoAccessPageSaysWhatToDo() {
        UI.getCurrent().navigate("sso/no-access", QueryParameters.of("reason", "no_access"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("no-access-reason")).getText())
                .contains("Ask an admin of your team to invite you");

        UI.getCurrent().navigate("sso/no-access", QueryParameters.of("reason", "email_unverified"));
        assertThat(_get(Paragraph.class, spec -> spec.withId("no-access-reason")).getText())
                .contains("did not confirm your email address");
    }
}

package dev.pushdeck.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * Where single sign-on leads someone the provider knows but Pushdeck does not let in:
 * no account and no team yet, or an email the provider did not vouch for. Nothing was
 * created for them; the page says what to do.
 */
@Route(value = "sso/no-access", autoLayout = false)
@AnonymousAllowed
class NoAccessView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Paragraph reason = new Paragraph();

    NoAccessView() {
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        reason.setId("no-access-reason");
        Anchor back = new Anchor("login", getTranslation("sso.no-access.back"));
        add(new H1(getTranslation("app.name")), new H2(getTranslation("sso.no-access.title")), reason, back);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean unverified = event.getLocation().getQueryParameters().getSingleParameter("reason")
                .filter("email_unverified"::equals).isPresent();
        reason.setText(getTranslation(unverified ? "sso.no-access.unverified" : "sso.no-access.text"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sso.no-access.title") + " · " + getTranslation("app.name");
    }
}

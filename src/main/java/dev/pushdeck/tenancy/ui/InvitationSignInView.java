package dev.pushdeck.tenancy.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.PermitAll;

/**
 * "Sign in to accept": a page for signed-in people only, so a visitor is sent to sign in
 * (by any means) and brought back here, then on to the invitation to accept it.
 */
@Route(value = "invitation/:token/accept", autoLayout = false)
@PermitAll
class InvitationSignInView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(InvitationView.class, new RouteParameters(InvitationView.TOKEN,
                event.getRouteParameters().get(InvitationView.TOKEN).orElse("")));
    }
}

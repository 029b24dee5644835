package dev.pushdeck.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.SingleSignOn;
import dev.pushdeck.security.memberships.TeamSignInPolicy;
import dev.pushdeck.security.memberships.TwoFactorStates;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A team whose owners require two-factor sign-in is not usable by a member without it:
 * every navigation leads to the account page, which says why, until they have set it up.
 * People signed in by single sign-on are let through (their provider's MFA policy applies).
 */
@Component
class TwoFactorRequirement implements VaadinServiceInitListener {

    /** Query parameter the account page shows its explanation for. */
    static final String REQUIRED = "two-factor-required";

    private final CurrentActor actor;
    private final TeamSignInPolicy policy;
    private final TwoFactorStates twoFactor;

    TwoFactorRequirement(CurrentActor actor, TeamSignInPolicy policy, TwoFactorStates twoFactor) {
        this.actor = actor;
        this.policy = policy;
        this.twoFactor = twoFactor;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::check));
    }

    private void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == AccountView.class) {
            return;
        }
        Optional<PushdeckPrincipal> owing = actor.principal()
                .filter(p -> p.kind() == PushdeckPrincipal.Kind.USER)
                .filter(p -> !signedInBySingleSignOn())
                .filter(p -> p.teamId() != null && policy.requiresTwoFactor(p.teamId()))
                .filter(p -> !twoFactor.enabled(p.id()));
        if (owing.isPresent()) {
            event.rerouteTo("account", QueryParameters.of(REQUIRED, ""));
        }
    }

    private static boolean signedInBySingleSignOn() {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && session.getSession() != null
                && Boolean.TRUE.equals(session.getSession().getAttribute(SingleSignOn.SESSION_MARK));
    }
}

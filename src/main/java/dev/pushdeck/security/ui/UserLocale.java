package dev.pushdeck.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.UserService;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A signed-in person sees the language they chose in the user menu; everyone else the
 * browser's language (Vaadin's default, limited to the languages we have).
 */
@Component
class UserLocale implements VaadinServiceInitListener {

    private final CurrentActor actor;
    private final UserService users;

    UserLocale(CurrentActor actor, UserService users) {
        this.actor = actor;
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> actor.principal()
                .filter(principal -> principal.kind() == dev.pushdeck.security.PushdeckPrincipal.Kind.USER)
                .ifPresent(principal -> {
                    Locale preferred = Locale.forLanguageTag(users.me().language());
                    init.getUI().setLocale(preferred);
                    init.getUI().getSession().setLocale(preferred);
                }));
    }
}

package dev.pushdeck.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.pushdeck.security.CurrentActor;
import dev.pushdeck.security.PushdeckPrincipal;
import dev.pushdeck.security.UserService;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A signed-in person who chose a language in the user menu sees it; everyone else, the login
 * page and new accounts included, sees the browser's language: Vaadin gives a new session the
 * best match of the request's Accept-Language among the I18NProvider's locales, and this
 * leaves it alone until a choice exists (docs/decisions/041-language-follows-the-browser.md).
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
                .filter(principal -> principal.kind() == PushdeckPrincipal.Kind.USER)
                .map(principal -> users.me().language())
                .ifPresent(chosen -> {
                    Locale preferred = Locale.forLanguageTag(chosen);
                    init.getUI().setLocale(preferred);
                    init.getUI().getSession().setLocale(preferred);
                }));
    }
}

package dev.pushdeck.shared.ui;

import com.vaadin.flow.i18n.I18NProvider;
import dev.pushdeck.shared.i18n.Messages;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Vaadin's view of {@link Messages}: English and Simplified Chinese. */
@Component
class Translations implements I18NProvider {

    @Override
    public List<Locale> getProvidedLocales() {
        return Messages.LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        return Messages.get(locale, key, params);
    }
}

package dev.pushdeck.shared.error;

import dev.pushdeck.shared.i18n.Messages;
import java.util.Locale;

/**
 * A refusal with a message people can read: the message is a key into {@link Messages}
 * so the UI and the API can say it in the reader's language.
 */
public abstract class PushdeckException extends RuntimeException {

    private final String key;
    private final Object[] args;

    protected PushdeckException(String key, Object... args) {
        super(Messages.get(Locale.ENGLISH, key, args));
        this.key = key;
        this.args = args.clone();
    }

    public String messageKey() {
        return key;
    }

    /** The arguments of {@link #messageKey()}, e.g. to store the message for readers to come. */
    public Object[] messageArgs() {
        return args.clone();
    }

    public String message(Locale locale) {
        return Messages.get(locale, key, args);
    }
}

package dev.pushdeck.shared.error;

import dev.pushdeck.shared.i18n.Messages;
import java.util.List;
import java.util.Locale;

/**
 * Input that cannot be accepted, with one message per offending field. Nothing has been
 * stored when this is thrown.
 */
public class ValidationException extends PushdeckException {

    private final List<FieldError> errors;

    public ValidationException(String field, String key, Object... args) {
        this(List.of(new FieldError(field, key, args)));
    }

    public ValidationException(List<FieldError> errors) {
        super(errors.get(0).key(), errors.get(0).args());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One field's problem; {@code key} and {@code args} resolve through {@link Messages}. */
    public record FieldError(String field, String key, Object... args) {

        public String message(Locale locale) {
            return Messages.get(locale, key, args);
        }
    }
}

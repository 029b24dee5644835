package dev.pushdeck.shared.error;


/** The request clashes with the current state (a duplicate name, the last owner, ...). */
public class ConflictException extends PushdeckException {

    public ConflictException(String key, Object... args) {
        super(key, args);
    }
}

package dev.pushdeck.shared.error;


/**
 * Something does not exist for the current team. Another team's ids answer this too,
 * so a caller can never tell "exists elsewhere" from "does not exist".
 */
public class NotFoundException extends PushdeckException {

    public NotFoundException() {
        super("error.not-found");
    }
}

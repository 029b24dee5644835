package dev.pushdeck.security;

/** A token just created, whatever it may do: {@code token} is the only time its secret is ever available. */
public interface CreatedToken {

    String name();

    /** The secret itself, to be shown once and never again. */
    String token();
}

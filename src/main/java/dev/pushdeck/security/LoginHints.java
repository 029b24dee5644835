package dev.pushdeck.security;

import java.util.List;

/**
 * Accounts the login page may show. Only the demo mode provides this; production has
 * no bean of this type, so the login page shows nothing.
 */
public interface LoginHints {

    /** The demo accounts as "email (role)" lines. */
    List<String> accounts();

    /** The password shared by the demo accounts. */
    String password();
}

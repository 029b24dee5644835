package dev.pushdeck.security;

/** Role names for {@code @RolesAllowed} and {@code hasRole(...)}, which need constants. */
public final class Roles {

    public static final String OWNER = "OWNER";
    public static final String ADMIN = "ADMIN";
    public static final String EDITOR = "EDITOR";
    public static final String VIEWER = "VIEWER";
    /** Instance administrators (people) and instance-scoped API tokens: may create teams. */
    public static final String INSTANCE_ADMIN = "INSTANCE_ADMIN";
    /** App keys: may only register and unregister devices of their own app. */
    public static final String APP_KEY = "APP_KEY";
    /** Metrics tokens: may only read {@code /actuator/prometheus}. */
    public static final String METRICS = "METRICS";

    private Roles() {
    }
}

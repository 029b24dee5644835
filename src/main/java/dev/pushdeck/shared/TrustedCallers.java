package dev.pushdeck.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package of services for trusted callers: they take the tenant explicitly and check no
 * role, so only other modules' services, schedulers and the dispatcher may call them, never a
 * view or a controller. Such a package is a Spring Modulith named interface, so the callers are
 * named in the code; {@code ModularityTest} fails when a class in a {@code ui} or {@code api}
 * package, or a REST controller, depends on one
 * (docs/decisions/059-trusted-callers-behind-named-interfaces.md).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface TrustedCallers {
}

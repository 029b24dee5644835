package dev.pushdeck.tenancy.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-start settings ({@code PUSHDECK_BOOTSTRAP_*}), read only when the database has
 * no team yet.
 *
 * @param team          name of the first team
 * @param adminEmail    email of its owner, an instance administrator
 * @param adminPassword the owner's password; generated and printed once when empty
 * @param apiToken      optional {@code pdt_...} token stored as an instance-scoped ADMIN token
 */
@ConfigurationProperties("pushdeck.bootstrap")
public record BootstrapProperties(@DefaultValue("My team") String team,
                                  @DefaultValue("admin@example.com") String adminEmail,
                                  String adminPassword,
                                  String apiToken) {

    @Override
    public String toString() {
        return "BootstrapProperties[team=" + team + ", adminEmail=" + adminEmail + "]";
    }
}

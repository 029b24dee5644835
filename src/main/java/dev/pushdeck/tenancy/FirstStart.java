package dev.pushdeck.tenancy;

import dev.pushdeck.security.provisioning.TeamTokens;
import dev.pushdeck.tenancy.internal.BootstrapProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On an empty database, creates the first team and its owner (an instance administrator)
 * from {@code PUSHDECK_BOOTSTRAP_*}, or the demo teams in demo mode. Never touches a
 * database that already has a team, so restarts and production are safe.
 */
@Component
@Order(10)
@EnableConfigurationProperties(BootstrapProperties.class)
class FirstStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final TeamService teams;
    private final TeamTokens tokens;
    private final BootstrapProperties bootstrap;
    private final DemoSeed demo;

    FirstStart(TeamService teams, TeamTokens tokens, BootstrapProperties bootstrap,
               ObjectProvider<DemoSeed> demo) {
        this.teams = teams;
        this.tokens = tokens;
        this.bootstrap = bootstrap;
        this.demo = demo.getIfAvailable();
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!teams.anyTeamExists()) {
            createFirstTeams();
        }
        if (demo != null) {
            demo.announce();
        }
    }

    private void createFirstTeams() {
        if (demo != null) {
            demo.seed();
            return;
        }
        boolean generated = bootstrap.adminPassword() == null || bootstrap.adminPassword().isBlank();
        String password = generated ? generatePassword() : bootstrap.adminPassword();
        NewTeam team = teams.createFirstTeam(bootstrap.team(), bootstrap.adminEmail(), password);
        if (bootstrap.apiToken() != null && !bootstrap.apiToken().isBlank()) {
            tokens.importBootstrapToken(team.id(), bootstrap.apiToken().trim());
        }
        log.info("Created the first team '{}' with owner {}", team.name(), bootstrap.adminEmail());
        if (generated) {
            printOnce(bootstrap.adminEmail(), password);
        }
    }

    /** Printed to the console, not the log, so the password does not land in log files. */
    private static void printOnce(String email, String password) {
        System.out.println("""

                ================================================================
                 Pushdeck first start: sign in as %s
                 with the generated password  %s
                 It is shown only this once. Change it under Account.
                ================================================================
                """.formatted(email, password));
    }

    static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

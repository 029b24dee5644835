package dev.pushdeck;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Pushdeck: a self-hosted, multi-tenant console for Apple push notifications.
 * Modules are the direct sub-packages; {@code shared} may be used by all of them.
 */
@SpringBootApplication
@EnableScheduling
@Modulithic(sharedModules = "shared")
@Theme("pushdeck")
@Push
public class PushdeckApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(PushdeckApplication.class, args);
    }
}

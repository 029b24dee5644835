package dev.pushdeck;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pushdeck.campaign.CampaignLifecycle;
import dev.pushdeck.campaign.ChannelDirectory;
import dev.pushdeck.device.ActivityFeedback;
import dev.pushdeck.device.DeviceFeedback;
import dev.pushdeck.dispatch.DispatchService;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.security.MembershipDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;

/**
 * Verifies the module rules and documents the modules as they are.
 *
 * <p>Every run writes the whole documentation (one diagram and one canvas per module, listing its
 * API, beans, events and properties) to {@code target/spring-modulith-docs}. Only the overview of
 * which module depends on which is committed, as {@code docs/modules/components.puml}: a change to
 * it is a change of architecture and should be read in review. After a deliberate one, accept it
 * with {@code ./mvnw -B -o test -Dtest=ModularityTest -Dmodules.accept=true} and commit the file.
 *
 * <p>The canvases carry the javadoc that Spring Modulith's annotation processor extracts at compile
 * time; version 1.4.4 reads it back with a lenient parser that fails on a comment opening with a
 * double quote (spring-modulith issue 1762), so an {@code ExceptionInInitializerError} here
 * means such a comment: reword it.
 */
class ModularityTest {

    static final Path COMMITTED_OVERVIEW = Path.of("docs", "modules", "components.puml");

    private final ApplicationModules modules = ApplicationModules.of(PushdeckApplication.class);

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
        modules.verify();
    }

    /**
     * Services that take a tenant id and check no role are for trusted callers (other modules'
     * services, schedulers, the dispatcher); views and controllers read through role-checked
     * services that take the team from the principal (docs/CONVENTIONS.md, Roles). The live
     * report's ticker is the one exception: it reads on its own thread, without a principal, and
     * checks each watcher's membership itself (docs/decisions/010-live-reports.md, 028).
     */
    @Test
    void viewsAndControllersUseNoServiceThatTakesATenantWithoutARoleCheck() {
        noClasses().that().resideInAnyPackage("..ui..", "..api..")
                .and().haveNameNotMatching("dev\\.pushdeck\\.history\\.ui\\.ProgressTicker(\\$.*)?")
                .should().dependOnClassesThat(DescribedPredicate.or(assignableTo(DispatchService.class),
                        assignableTo(DeliveryLog.class), assignableTo(CampaignLifecycle.class),
                        assignableTo(ChannelDirectory.class), assignableTo(DeviceFeedback.class),
                        assignableTo(ActivityFeedback.class), assignableTo(MembershipDirectory.class)))
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.pushdeck"));
    }

    @Test
    void theCommittedModuleOverviewMatchesTheCode() throws IOException {
        Path output = Path.of("target", "spring-modulith-docs");
        // UML rather than the default C4 style: the files then render without fetching C4 includes.
        DiagramOptions uml = DiagramOptions.defaults().withStyle(DiagramStyle.UML);
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(output.toString()))
                .writeModulesAsPlantUml(uml)
                .writeIndividualModulesAsPlantUml(uml)
                .writeModuleCanvases()
                .writeAggregatingDocument();

        String overview = Files.readString(output.resolve("components.puml"), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("modules.accept")) {
            Files.createDirectories(COMMITTED_OVERVIEW.getParent());
            Files.writeString(COMMITTED_OVERVIEW, overview, StandardCharsets.UTF_8);
        }
        // Line by line in any order: the documenter lists the arrows in an order that differs from run to run.
        assertThat(Files.readString(COMMITTED_OVERVIEW, StandardCharsets.UTF_8).lines().sorted())
                .as("docs/modules/components.puml differs from the modules in the code; accept a deliberate"
                        + " change with -Dmodules.accept=true and commit it")
                .containsExactlyElementsOf(overview.lines().sorted().toList());
    }
}

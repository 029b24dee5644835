package dev.pushdeck;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.pushdeck.dispatch.DispatchService;
import dev.pushdeck.dispatch.SplitTests;
import dev.pushdeck.history.internal.DeliveryLog;
import dev.pushdeck.shared.TrustedCallers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.web.bind.annotation.RestController;

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

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.pushdeck");

    private final ApplicationModules modules = ApplicationModules.of(PushdeckApplication.class);

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
        modules.verify();
    }

    /**
     * Services that take a tenant id and check no role are for trusted callers (other modules'
     * services, schedulers, the dispatcher). Other modules reach them only through a named interface
     * marked {@link TrustedCallers}; views and controllers never depend on one, they read through
     * role-checked services that take the team from the principal
     * (docs/decisions/059-trusted-callers-behind-named-interfaces.md). Two exceptions: the live
     * report's ticker reads on its own thread, without a principal, and checks each watcher's
     * membership itself (docs/decisions/010-live-reports.md, 028); the guard of teams that require
     * two-factor sign-in asks only about the signed-in person and their own team.
     */
    @Test
    void viewsAndControllersDependOnNoServiceForTrustedCallers() {
        noClasses().that(viewsAndControllers())
                .and().haveNameNotMatching("dev\\.pushdeck\\.(history\\.ui\\.ProgressTicker|security\\.ui\\.TwoFactorRequirement)(\\$.*)?")
                .should().dependOnClassesThat(forTrustedCallers().or(keptInTheirModule()))
                .check(MAIN_CLASSES);
    }

    /** Each package marked {@link TrustedCallers} is a named interface of its module, so its callers are declared. */
    @Test
    void everyPackageForTrustedCallersIsANamedInterface() {
        assertThat(trustedPackages()).as("packages marked @TrustedCallers").contains(
                "dev.pushdeck.campaign.dispatcher", "dev.pushdeck.device.feedback", "dev.pushdeck.dispatch.reports",
                "dev.pushdeck.app.sending", "dev.pushdeck.app.registration",
                "dev.pushdeck.security.memberships", "dev.pushdeck.security.provisioning");
        for (JavaClass type : MAIN_CLASSES) {
            if (trustedPackages().contains(type.getPackageName()) && !type.getSimpleName().equals("package-info")) {
                ApplicationModule module = modules.getModuleByType(type.getName()).orElseThrow();
                assertThat(module.getNamedInterfaces().stream().filter(NamedInterface::isNamed)
                        .flatMap(NamedInterface::asJavaClasses).map(JavaClass::getName))
                        .as("the named interfaces of %s", module.getName()).contains(type.getName());
            }
        }
    }

    /**
     * The classes behind a named interface for trusted callers (and the dispatcher's own run control,
     * which only its module calls) are not used by other modules directly: they would bypass the
     * interface that names what the caller may do.
     */
    @Test
    void otherModulesReachServicesForTrustedCallersOnlyThroughTheirInterfaces() {
        DescribedPredicate<JavaClass> behindTrustedInterfaces = DescribedPredicate.describe(
                "implement a service for trusted callers",
                type -> !forTrustedCallers().test(type) && (keptInTheirModule().test(type)
                        || type.getAllRawInterfaces().stream().anyMatch(implemented -> forTrustedCallers().test(implemented))));
        ArchCondition<JavaClass> stayInTheirModule = new ArchCondition<>("use them only inside their own module") {
            @Override
            public void check(JavaClass caller, ConditionEvents events) {
                caller.getDirectDependenciesFromSelf().stream()
                        .filter(dependency -> behindTrustedInterfaces.test(dependency.getTargetClass()))
                        .filter(dependency -> !moduleOf(caller).equals(moduleOf(dependency.getTargetClass())))
                        .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency,
                                dependency.getDescription())));
            }
        };
        classes().should(stayInTheirModule).check(MAIN_CLASSES);
    }

    private static DescribedPredicate<JavaClass> viewsAndControllers() {
        return resideInAnyPackage("..ui..", "..api..").or(annotatedWith(RestController.class))
                .or(simpleNameEndingWith("Controller"));
    }

    /**
     * Services for trusted callers that only their own module calls, so they need no named interface:
     * the dispatcher's run control and A/B decisions, and history's tenant-taking reader.
     */
    private static DescribedPredicate<JavaClass> keptInTheirModule() {
        return DescribedPredicate.describe("are for their own module's trusted callers",
                type -> type.isEquivalentTo(DispatchService.class) || type.isEquivalentTo(SplitTests.class)
                        || type.isEquivalentTo(DeliveryLog.class));
    }

    private static DescribedPredicate<JavaClass> forTrustedCallers() {
        Set<String> packages = trustedPackages();
        return DescribedPredicate.describe("are for trusted callers (in " + packages + ")",
                type -> packages.contains(type.getPackageName()));
    }

    private static Set<String> trustedPackages() {
        return MAIN_CLASSES.stream().map(JavaClass::getPackage)
                .filter(javaPackage -> javaPackage.isAnnotatedWith(TrustedCallers.class))
                .map(JavaPackage::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The module a class belongs to: the package right below {@code dev.pushdeck}. */
    private static String moduleOf(JavaClass type) {
        String[] parts = type.getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : "";
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

package dev.locket.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency arrows of ARCHITECTURE.md §1, checked on the production classes of every module. */
class ArchitectureTest {
    private static JavaClasses locket;

    @BeforeAll
    static void importClasses() {
        locket = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // test helpers shared through test-jars (e.g. the S3 test server) are not production code
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.locket");
    }

    @Test
    void domainDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.locket.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.locket.domain..", "java..")
                .check(locket);
    }

    @Test
    void applicationDependsOnDomainAndTheJdkOnly() {
        classes().that().resideInAPackage("dev.locket.application..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.locket.application..", "dev.locket.domain..", "java..")
                .check(locket);
    }

    @Test
    void coreUsesNeitherJdbcNorJacksonNorHelidon() {
        noClasses().that().resideInAnyPackage("dev.locket.domain..", "dev.locket.application..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "com.fasterxml.jackson..", "io.helidon..")
                .check(locket);
    }

    @Test
    void onlyTheSqliteAdapterTouchesJdbc() {
        noClasses().that().resideOutsideOfPackage("dev.locket.adapters.sqlite..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .check(locket);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        slices().matching("dev.locket.adapters.(*)..").should().notDependOnEachOther().check(locket);
    }

    @Test
    void nothingDependsOnBootstrap() {
        noClasses().that().resideInAnyPackage("dev.locket.domain..", "dev.locket.application..",
                        "dev.locket.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.locket.bootstrap..", "dev.locket")
                .check(locket);
    }

    @Test
    void adaptersUseServicesOnlyThroughPorts() {
        noClasses().that().resideInAPackage("dev.locket.adapters..")
                .should().dependOnClassesThat().resideInAPackage("dev.locket.application.service..")
                .check(locket);
    }

    @Test
    void inboundHttpCodeLeavesTheOutboundAdaptersToTheAssembly() {
        // SMTP, the OAuth2 HTTP client, JWT and bcrypt implement outbound ports; routes reach them only
        // through those ports, wired by bootstrap.
        noClasses().that().resideInAPackage("dev.locket.adapters.http..")
                .and().resideOutsideOfPackage("dev.locket.adapters.http.outbound..")
                .should().dependOnClassesThat().resideInAPackage("dev.locket.adapters.http.outbound..")
                .check(locket);
    }

    @Test
    void areaPackagesOfTheApplicationAndTheHttpAdapterFormNoCycles() {
        // The use cases and the routes are cut by area (record, collection, auth, ...); an area may use a
        // lower one (auth uses record) or a shared support package, never the other way round.
        slices().matching("dev.locket.application.(**)").should().beFreeOfCycles().check(locket);
        slices().matching("dev.locket.adapters.http.(**)").should().beFreeOfCycles().check(locket);
    }

    @Test
    void portsDoNotKnowServices() {
        noClasses().that().resideInAPackage("dev.locket.application.port..")
                .should().dependOnClassesThat().resideInAPackage("dev.locket.application.service..")
                .check(locket);
    }

    @Test
    void coreWritesNoConsoleAndUsesNoJul() {
        noClasses().that().resideInAnyPackage("dev.locket.domain..", "dev.locket.application..",
                        "dev.locket.adapters..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .orShould(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
                .check(locket);
    }

    @Test
    void modulesAndAdaptersFormNoCycles() {
        // Within the domain, collection/field/record refer to each other by design (a record knows its
        // collection, a field normalises to record values), so cycles are checked between modules.
        slices().matching("dev.locket.(*)..").should().beFreeOfCycles().check(locket);
        slices().matching("dev.locket.adapters.(*)..").should().beFreeOfCycles().check(locket);
    }
}

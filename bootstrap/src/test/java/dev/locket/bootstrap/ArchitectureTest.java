package dev.locket.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        slices().matching("dev.locket.(*)..").should().beFreeOfCycles().check(locket);
        slices().matching("dev.locket.adapters.(*)..").should().beFreeOfCycles().check(locket);
    }

    @Test
    void noModuleHasPackageCyclesInside() {
        // issue 11 item 7: the packages inside every module, not only between modules, form a hierarchy
        for (String module : new String[] {"domain", "adapters.sqlite", "adapters.storage", "adapters.realtime",
                "bootstrap"}) {
            // a module that is still one flat package has no sub-packages to check (none is a cycle)
            slices().matching("dev.locket." + module + ".(**)").should().beFreeOfCycles().allowEmptyShould(true)
                    .check(locket);
        }
    }

    /**
     * Issue 11: inbound ports take and answer typed values, so that embedders and adapters build commands
     * without untyped maps. No public constructor, method, record component or field of a public type in
     * {@code application.port.in} mentions {@code java.util.Map}, as parameter, result or type argument.
     */
    @Test
    void inboundPortSignaturesUseNoMaps() {
        classes().that().resideInAPackage("dev.locket.application.port.in..")
                .should(NO_MAP_IN_PUBLIC_SIGNATURES)
                .check(locket);
    }

    /** The rule above does catch a map, whether direct or a type argument, in a method or a record. */
    @Test
    void theMapRuleRejectsMapsInSignatures() {
        JavaClasses bad = new ClassFileImporter().importClasses(MapPort.class, MapPort.Command.class);
        AssertionError e = assertThrows(AssertionError.class,
                () -> classes().should(NO_MAP_IN_PUBLIC_SIGNATURES).check(bad));
        assertTrue(e.getMessage().contains("answer"), e.getMessage());
        assertTrue(e.getMessage().contains("headers"), e.getMessage());
    }

    /** Test fixture: what the rule must refuse. */
    public interface MapPort {
        Map<String, Object> answer();

        record Command(List<Map<String, String>> headers) {
        }
    }

    private static final ArchCondition<JavaClass> NO_MAP_IN_PUBLIC_SIGNATURES =
            new ArchCondition<>("mention java.util.Map in no public signature") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
                        return;
                    }
                    for (JavaCodeUnit unit : c.getCodeUnits()) {
                        if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                            continue;
                        }
                        List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
                        types.add(unit.getReturnType());
                        report(events, c, unit.getFullName(), types);
                    }
                    for (JavaField f : c.getFields()) {
                        // record components are private fields behind public accessors, checked above
                        if (f.getModifiers().contains(JavaModifier.PUBLIC)) {
                            report(events, c, f.getFullName(), List.of(f.getType()));
                        }
                    }
                }

                private void report(ConditionEvents events, JavaClass c, String member, List<JavaType> types) {
                    boolean map = types.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream())
                            .anyMatch(raw -> raw.isAssignableTo(Map.class));
                    if (map) {
                        events.add(SimpleConditionEvent.violated(c, member + " mentions java.util.Map"));
                    }
                }
            };
}

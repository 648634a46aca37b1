package dev.locket.domain;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain's areas depend on each other in one direction only: the filter language knows no collection,
 * fields and value types know no records, collections know no rule evaluation. A cycle would make an area
 * impossible to read (or move) without the other.
 */
class PackageCyclesTest {

    @Test
    void domainAreasAreFreeOfCycles() {
        JavaClasses domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.locket.domain");
        assertTrue(domain.size() > 100, "the production classes were found");
        slices().matching("dev.locket.domain.(*)..").should().beFreeOfCycles().check(domain);
    }
}

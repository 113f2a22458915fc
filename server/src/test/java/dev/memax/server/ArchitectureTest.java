package dev.memax.server;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of the server's main classes: the capabilities under
 * {@code dev.memax.server} depend downwards only (no two of them reach each other, directly or
 * round a longer loop), and {@code platform}, the plumbing under all of them, names none.
 * Shared identity and membership types live in {@code identity}; a lower capability that needs
 * a higher one's behaviour declares an interface the higher one implements.
 */
@AnalyzeClasses(packages = "dev.memax.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.memax.server.(*)..")
            .namingSlices("$1")
            .should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule platformDependsOnNoCapability = noClasses()
            .that()
            .resideInAPackage("dev.memax.server.platform..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.memax.server..").and(resideOutsideOfPackage("dev.memax.server.platform..")))
            .because("platform is the shared plumbing every capability builds on");
}

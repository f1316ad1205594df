package io.hivematrix.archive.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The hexagon's rules, checked on the compiled classes of every module. */
@AnalyzeClasses(packages = "io.hivematrix.archive",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** The rules are about production code: the postgres test fixture jar on this class path is not. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule domain_depends_only_on_the_java_platform = noClasses()
            .that().resideInAPackage("io.hivematrix.archive.domain..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.hivematrix.archive.domain..", "java..")
            .as("the domain depends only on itself and java..");

    @ArchTest
    static final ArchRule application_depends_only_on_the_domain_and_the_java_platform = noClasses()
            .that().resideInAPackage("io.hivematrix.archive.application..")
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "io.hivematrix.archive.application..", "io.hivematrix.archive.domain..", "java..")
            .as("the application depends only on the domain and java.. (no Helidon, SQL, Quartz or Jackson)");

    @ArchTest
    static final ArchRule application_uses_no_sql = noClasses()
            .that().resideInAPackage("io.hivematrix.archive.application..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .as("the application does not speak SQL");

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = slices()
            .matching("io.hivematrix.archive.adapter.(*)..")
            .should().notDependOnEachOther()
            .as("adapters do not depend on each other");

    @ArchTest
    static final ArchRule ports_do_not_depend_on_services = noClasses()
            .that().resideInAPackage("io.hivematrix.archive.application.port..")
            .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.application.service..")
            .as("ports do not depend on services");

    @ArchTest
    static final ArchRule adapters_reach_use_cases_only_through_ports = noClasses()
            .that().resideInAPackage("io.hivematrix.archive.adapter..")
            .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.application.service..")
            .as("adapters reach use cases only through ports");

    @ArchTest
    static final ArchRule nothing_but_boot_and_the_command_line_depends_on_boot = noClasses()
            .that().resideOutsideOfPackages("io.hivematrix.archive.boot..", "io.hivematrix.archive.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.boot..")
            .as("nothing but boot and the command line depends on boot");

    @ArchTest
    static final ArchRule main_code_never_uses_the_test_kit = noClasses()
            .that().resideOutsideOfPackage("io.hivematrix.archive.testkit..")
            .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.testkit..")
            .as("main code never depends on the test kit (its fakes, neighbours and contracts are for tests)");
}

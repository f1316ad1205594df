package io.hivematrix.archive.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules that span modules, as sentences, over every module's main classes — the shipped ones, the test kit and
 * the bench — and over the reliability suite's test classes: what keeps the edges as clean as the core.
 */
class ModuleRulesTest {
    /** A module's jar, {@code archive-….jar} or {@code archive-…-<version>.jar}, wherever it lies (boot's lib/, ~/.m2). */
    private static final Pattern JAR = Pattern.compile("(archive-[a-z-]+?)(?:-\\d[^/]*)?\\.jar");
    /** A module's class directory, {@code …/archive-…/target/classes/}. */
    private static final Pattern CLASSES = Pattern.compile("/(archive-[a-z-]+)/target/");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.hivematrix.archive");
    private static final JavaClasses RELIABILITY = new ClassFileImporter().importPath(reliabilityClasses());

    private static Path reliabilityClasses() {
        Path classes = Path.of(System.getProperty("archive.reliability.classes", "../archive-reliability/target/test-classes"));
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("the reliability suite's test classes are missing at " + classes
                    + ": build archive-reliability first (mvn -pl archive-architecture -am test)");
        }
        return classes;
    }

    @Test
    void everyModuleIsRead() {
        Set<String> modules = new TreeSet<>();
        MAIN.forEach(c -> modules.add(module(c)));
        assertTrue(modules.containsAll(Set.of("archive-domain", "archive-application", "archive-testkit",
                "archive-adapter-rest", "archive-adapter-postgres", "archive-adapter-ledger", "archive-adapter-quartz",
                "archive-adapter-metrics", "archive-keyfiles", "archive-embedded-postgres", "archive-boot", "archive-cli",
                "archive-bench")),
                () -> "modules read: " + modules);
        assertTrue(RELIABILITY.stream().anyMatch(c -> c.getSimpleName().endsWith("IT")), "reliability ITs read");
    }

    @Test
    void no_package_is_split_between_modules() {
        Map<String, Set<String>> modulesByPackage = new TreeMap<>();
        MAIN.forEach(c -> modulesByPackage.computeIfAbsent(c.getPackageName(), p -> new TreeSet<>()).add(module(c)));
        classes().should(new ArchCondition<>("live in a package no other module also uses") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                Set<String> modules = modulesByPackage.get(javaClass.getPackageName());
                boolean one = modules.size() == 1;
                events.add(new SimpleConditionEvent(javaClass, one, javaClass.getName() + " (" + module(javaClass)
                        + ") shares package " + javaClass.getPackageName() + " with " + modules));
            }
        }).as("no package is split between modules (a bench or test helper in a production package is one)")
                .check(MAIN);
    }

    @Test
    void production_code_never_depends_on_the_test_kit() {
        noClasses().that().resideOutsideOfPackages("io.hivematrix.archive.testkit..", "io.hivematrix.archive.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.testkit..")
                .as("production code never depends on the test kit").check(MAIN);
    }

    @Test
    void in_ports_do_not_depend_on_out_ports() {
        noClasses().that().resideInAPackage("io.hivematrix.archive.application.port.in..")
                .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.application.port.out..")
                .as("in-ports do not depend on out-ports (what both speak of is the domain's)").check(MAIN);
    }

    @Test
    void boot_holds_no_request_time_code() {
        noClasses().that().resideInAPackage("io.hivematrix.archive.boot..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.helidon.webserver.http.ServerRequest")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.helidon.webserver.http.ServerResponse")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.helidon.webserver.http.Filter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.helidon.webserver.http.Handler")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.helidon.webserver.http.FilterChain")
                .as("boot holds no request-time code: requests are the HTTP adapter's").check(MAIN);
    }

    @Test
    void boot_is_driven_by_the_command_line_alone() {
        noClasses().that().resideOutsideOfPackages("io.hivematrix.archive.boot..", "io.hivematrix.archive.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.boot..")
                .as("nothing but the command line depends on boot (boot wires and starts; the CLI drives it)").check(MAIN);
        noClasses().that().resideInAPackage("io.hivematrix.archive.boot..")
                .should().dependOnClassesThat().resideInAPackage("io.hivematrix.archive.cli..")
                .as("boot does not depend on the command line").check(MAIN);
        noClasses().that().resideOutsideOfPackage("io.hivematrix.archive.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .as("only the command line parses command lines (picocli)").check(MAIN);
    }

    @Test
    void the_bench_and_the_reliability_suite_use_public_doors_from_their_own_packages() {
        classes().that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("are the bench's") {
                    @Override
                    public boolean test(JavaClass c) {
                        return module(c).equals("archive-bench");
                    }
                })
                .should().resideInAPackage("io.hivematrix.archive.bench..")
                .andShould().onlyAccessClassesThat(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>(
                        "are public or the bench's own") {
                    @Override
                    public boolean test(JavaClass target) {
                        return target.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                                || target.getPackageName().startsWith("io.hivematrix.archive.bench")
                                || !target.getPackageName().startsWith("io.hivematrix.archive");
                    }
                })
                .as("the bench lives in its own package and reaches the archive through public classes only")
                .check(MAIN);
        classes().should().resideInAPackage("io.hivematrix.archive.reliability..")
                .as("the reliability suite lives in its own package").check(RELIABILITY);
    }

    /**
     * The module a class was read from: by the jar's own name (a jar may lie in another module's directory, as in
     * the CLI's target/lib/, which its jar names in its manifest), else by its class directory.
     */
    private static String module(JavaClass javaClass) {
        String uri = javaClass.getSource().orElseThrow().getUri().toString();
        int inJar = uri.indexOf("!/");
        if (inJar >= 0) {
            Matcher jar = JAR.matcher(uri.substring(uri.lastIndexOf('/', inJar) + 1, inJar));
            return jar.matches() ? jar.group(1) : uri;
        }
        Matcher classes = CLASSES.matcher(uri);
        return classes.find() ? classes.group(1) : uri;
    }
}

package io.cutover.architecture;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** What docs/ARCHITECTURE.md promises about the packages of the Lambda jar, checked on its classes. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.cutover");

    /** The runbooks' use cases and the ports (and domain types) they talk through. */
    static final String[] USE_CASES_AND_PORTS = {
            "io.cutover.promote..", "io.cutover.switchover..", "io.cutover.migrate..", "io.cutover.runbook..",
            "io.cutover.instance..", "io.cutover.replication..", "io.cutover.probe..", "io.cutover.run",
            "io.cutover.secrets..", "io.cutover.waiting..", "io.cutover.appmap", "io.cutover.cleanup.."};

    static final String[] ADAPTERS = {"io.cutover.aws..", "io.cutover.dynamo..", "io.cutover.jdbc.."};

    static final ArchRule useCasesImportNoAwsSdkJdbcOrJackson = noClasses()
            .that().resideInAnyPackage(USE_CASES_AND_PORTS)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "java.sql..",
                    "javax.sql..", "org.postgresql..", "oracle..", "com.fasterxml.jackson..")
            .because("use cases reach AWS, databases and JSON documents only through ports (docs/ARCHITECTURE.md)");

    static final ArchRule useCasesKnowNoAdaptersOrHandlers = noClasses()
            .that().resideInAnyPackage(USE_CASES_AND_PORTS)
            .should().dependOnClassesThat().resideInAnyPackage("io.cutover.aws..", "io.cutover.dynamo..",
                    "io.cutover.jdbc..", "io.cutover.handler..")
            .because("adapters are chosen by the wiring (handlers, rehearsal), never by a use case");

    static final ArchRule adaptersDoNotImportHandlers = noClasses()
            .that().resideInAnyPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage("io.cutover.handler..");

    static final ArchRule noPackageCycles = slices().matching("io.cutover.(**)").should().beFreeOfCycles();

    static final ArchRule lambdaHandlersLiveInTheHandlerPackages = classes()
            .that().implement(RequestStreamHandler.class)
            .should().resideInAPackage("io.cutover.handler..");

    static final ArchRule stepHandlersAreGroupedByRunbook = classes()
            .that().resideInAPackage("io.cutover.handler..").and().haveSimpleNameEndingWith("Handler")
            .and().areNotInterfaces().and().doNotHaveModifier(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
            .should().resideInAnyPackage("io.cutover.handler.promote", "io.cutover.handler.switchover",
                    "io.cutover.handler.migrate", "io.cutover.handler.operations");

    @Test
    void useCasesImportNoAwsSdkJdbcOrJackson() {
        useCasesImportNoAwsSdkJdbcOrJackson.check(CLASSES);
    }

    @Test
    void useCasesKnowNoAdaptersOrHandlers() {
        useCasesKnowNoAdaptersOrHandlers.check(CLASSES);
    }

    @Test
    void adaptersDoNotImportHandlers() {
        adaptersDoNotImportHandlers.check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        noPackageCycles.check(CLASSES);
    }

    @Test
    void lambdaHandlersLiveInTheHandlerPackages() {
        lambdaHandlersLiveInTheHandlerPackages.check(CLASSES);
    }

    @Test
    void stepHandlersAreGroupedByRunbook() {
        stepHandlersAreGroupedByRunbook.check(CLASSES);
    }
}

package dev.governor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.governor.store.WriterJdbc;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of Governor, pinned: one direction from the HTTP layer down to the core, no cycle
 * between packages, and features that meet only through the approvals pipeline. docs/ARCHITECTURE.md
 * draws the same picture.
 */
class ArchitectureTest {

    /** Governor's own classes, without tests, read once for every rule. */
    private static final JavaClasses GOVERNOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.governor", "db.migration");

    /** The capabilities a person uses; none of them knows another. */
    private static final List<String> FEATURES = List.of("pricing", "promo", "allocation", "budget", "versions",
            "accounts");

    @Test
    void layersPointOneWayFromHttpDownToTheCore() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Start").definedBy("dev.governor", "db.migration..")
                .layer("Http").definedBy("dev.governor.http..")
                .layer("Features").definedBy(FEATURES.stream().map(f -> "dev.governor." + f + "..").toArray(String[]::new))
                .layer("Pipeline").definedBy("dev.governor.approvals..", "dev.governor.proposals..")
                .layer("Domain").definedBy("dev.governor.auth..", "dev.governor.audit..", "dev.governor.reference..",
                        "dev.governor.ruleset..")
                .layer("Core").definedBy("dev.governor.core..", "dev.governor.store..", "dev.governor.guardrail..")
                .whereLayer("Start").mayNotBeAccessedByAnyLayer()
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Start")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Http", "Start")
                .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Features", "Http", "Start")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Pipeline", "Features", "Http", "Start")
                .check(GOVERNOR);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.governor.(*)..").should().beFreeOfCycles().check(GOVERNOR);
    }

    @Test
    void onlyHttpKnowsHttp() {
        noClasses().that().resideOutsideOfPackages("dev.governor.http..", "dev.governor")
                .should().dependOnClassesThat().resideInAnyPackage("dev.governor.http..", "io.javalin..",
                        "org.eclipse.jetty..", "jakarta.servlet..")
                .check(GOVERNOR);
    }

    @Test
    void featuresDoNotKnowOneAnother() {
        for (String feature : FEATURES) {
            String[] others = FEATURES.stream().filter(other -> !other.equals(feature))
                    .map(other -> "dev.governor." + other + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.governor." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("features meet only through the approvals pipeline")
                    .check(GOVERNOR);
        }
    }

    @Test
    void theApprovalsPipelineNamesNoKindOfSubject() {
        noClasses().that().resideInAPackage("dev.governor.approvals..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.governor.proposals..", "dev.governor.reference..")
                .because("each kind of subject brings its own re-check and effect, registered with Subjects")
                .check(GOVERNOR);
    }

    @Test
    void sqlLivesInDaoInterfaces() {
        noClasses().that().haveSimpleNameNotEndingWith("Dao").and().resideOutsideOfPackage("dev.governor.store..")
                .and().resideOutsideOfPackage("db.migration..")
                .should().callMethod(Handle.class, "createUpdate", String.class)
                .orShould().callMethod(Handle.class, "createQuery", String.class)
                .orShould().callMethod(Handle.class, "prepareBatch", String.class)
                .orShould().callMethod(Handle.class, "execute", String.class, Object[].class)
                .orShould().dependOnClassesThat().areAssignableTo(WriterJdbc.class)
                .because("SQL is declared in DAO interfaces, in text blocks; the writer's hot statements too")
                .check(GOVERNOR);
    }

    @Test
    void theCoreAndTheRulesVocabularyStandAlone() {
        noClasses().that().resideInAnyPackage("dev.governor.core..", "dev.governor.guardrail..", "dev.governor.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.governor.auth..", "dev.governor.audit..",
                        "dev.governor.reference..", "dev.governor.ruleset..", "dev.governor.approvals..",
                        "dev.governor.proposals..", "dev.governor.pricing..", "dev.governor.promo..",
                        "dev.governor.allocation..", "dev.governor.budget..", "dev.governor.versions..",
                        "dev.governor.accounts..")
                .check(GOVERNOR);
        noClasses().that().resideInAPackage("dev.governor.guardrail..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.governor.core..", "dev.governor.store..")
                .because("stored rulesets import the vocabulary: it stands on the JDK alone")
                .check(GOVERNOR);
    }
}

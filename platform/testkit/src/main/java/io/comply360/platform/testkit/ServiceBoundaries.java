package io.comply360.platform.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rule of docs/architecture.md ("Code layout"), checked on a service's compiled main classes:
 * <ul>
 * <li>a service uses only its own code, the platform's API packages, the event contracts and the service clients:
 * never another service's code, never a platform {@code internal} package, never the test kit;</li>
 * <li>a feature's service never uses a resource type (resources own HTTP; requests and views a service needs are
 * the feature's records).</li>
 * </ul>
 * Each service runs it in its {@code BoundariesTest}: {@code ServiceBoundaries.check("io.comply360.tenant")}.
 */
public final class ServiceBoundaries {

    private ServiceBoundaries() {}

    /** Fails naming every class of {@code servicePackage} that breaks a rule, and what it uses. */
    public static void check(String servicePackage) {
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        for (ArchRule rule : rules(servicePackage)) {
            rule.check(service);
        }
    }

    static ArchRule[] rules(String servicePackage) {
        String own = servicePackage + "..";
        return new ArchRule[] {
            classes()
                    .that()
                    .resideInAPackage(own)
                    .should()
                    .onlyDependOnClassesThat(not(resideInAPackage("io.comply360.."))
                            .or(resideInAnyPackage(
                                    own,
                                    "io.comply360.contracts..",
                                    "io.comply360.clients..",
                                    "io.comply360.platform..")))
                    .as("classes of " + servicePackage + " use only their own service, the platform, the event "
                            + "contracts and the service clients of io.comply360 (never another service)")
                    .allowEmptyShould(false),
            noClasses()
                    .that()
                    .resideInAPackage(own)
                    .should()
                    .dependOnClassesThat(
                            resideInAnyPackage("io.comply360.platform..internal..", "io.comply360.platform.testkit.."))
                    .as("classes of " + servicePackage + " use the platform's API, never an internal package or the "
                            + "test kit"),
            noClasses()
                    .that()
                    .resideInAPackage(own)
                    .and(simpleNameEndingWith("Service"))
                    .should()
                    .dependOnClassesThat(simpleNameEndingWith("Resource").and(resideInAPackage(own)))
                    .as("services of " + servicePackage + " never use a resource type")
                    .allowEmptyShould(true)
        };
    }
}

package io.comply360.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule catches what it must, on fixture "services" in io.comply360.fixture. */
class ServiceBoundariesTest {

    private static List<String> violations(String servicePackage) {
        JavaClasses classes = new ClassFileImporter().importPackages(servicePackage);
        List<String> found = new ArrayList<>();
        for (ArchRule rule : ServiceBoundaries.rules(servicePackage)) {
            found.addAll(rule.evaluate(classes).getFailureReport().getDetails());
        }
        return found;
    }

    @Test
    void anotherServicesClassTheTestKitAndAResourceInAServiceAreEachNamed() {
        List<String> found = violations("io.comply360.fixture.bad");
        assertThat(found)
                .anySatisfy(v -> assertThat(v).contains("Reaching").contains("io.comply360.otherservice.Neighbour"));
        assertThat(found)
                .anySatisfy(v ->
                        assertThat(v).contains("Reaching").contains("io.comply360.platform.testkit.ServiceBoundaries"));
        assertThat(found)
                .anySatisfy(v -> assertThat(v).contains("FilingService").contains("FilingResource"));
        assertThat(found)
                .anySatisfy(v ->
                        assertThat(v).contains("Reaching").contains("io.comply360.platform.fixture.internal.Hidden"));
    }

    @Test
    void aServiceWithinTheRulesPasses() {
        assertThat(violations("io.comply360.fixture.good")).isEmpty();
        assertThatCode(() -> ServiceBoundaries.rules("io.comply360.fixture.good")[1].check(
                        new ClassFileImporter().importPackages("io.comply360.fixture.good")))
                .doesNotThrowAnyException();
    }
}

package io.comply360.tenant.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.comply360.platform.error.ProblemException;

/** How a save is normalised and which fields it changes, without Quarkus. */
class TenantSettingsTest {

    private static SettingsRequest request(String colour, Map<String, Integer> sla, BusinessHours hours) {
        return new SettingsRequest(null, "en", "Africa/Johannesburg", colour, sla, hours, null);
    }

    @Test
    void savingTheDefaultsChangesNothing() {
        TenantSettings settings = TenantSettings.defaults(UUID.randomUUID());
        assertThat(settings.replaceWith(SettingsService.normalised(request("#1f4e79", null, null))))
                .isEmpty();
    }

    @Test
    void onlyTheFieldsWhoseValueChangedAreNamedInTheirFixedOrder() {
        TenantSettings settings = TenantSettings.defaults(UUID.randomUUID());
        List<String> changed = settings.replaceWith(SettingsService.normalised(request(
                "#000000", Map.of("FILED", 40), new BusinessHours(List.of(DayOfWeek.MONDAY), "08:00", "17:00"))));
        assertThat(changed).containsExactly("primaryColour", "slaTargets", "businessHours");
        assertThat(settings.slaTargets).containsEntry("FILED", 40);
    }

    @Test
    void theSameValuesInAnotherOrderOrSpellingAreNoChange() {
        TenantSettings settings = TenantSettings.defaults(UUID.randomUUID());
        settings.replaceWith(SettingsService.normalised(request("#ABCDEF", Map.of("FILED", 40, "SUBMITTED", 8), null)));
        BusinessHours sameWeek = new BusinessHours(
                List.of(
                        DayOfWeek.FRIDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.MONDAY,
                        DayOfWeek.MONDAY),
                "08:00",
                "17:00");
        assertThat(settings.replaceWith(SettingsService.normalised(
                        request("#abcdef", new java.util.TreeMap<>(Map.of("SUBMITTED", 8, "FILED", 40)), sameWeek))))
                .isEmpty();
    }

    @Test
    void businessHoursMustCloseAfterTheyOpen() {
        assertThatThrownBy(() -> SettingsService.normalised(
                        request("#000000", null, new BusinessHours(List.of(DayOfWeek.MONDAY), "17:00", "08:00"))))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.errors())
                                .singleElement()
                                .satisfies(error -> assertThat(error.field()).isEqualTo("businessHours.closes")));
    }
}

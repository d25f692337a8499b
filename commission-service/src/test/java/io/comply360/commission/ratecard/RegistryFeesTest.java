package io.comply360.commission.ratecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.commission.ratecard.RegistryFees.Disbursement;

class RegistryFeesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    private static RegistryFees fees;

    @BeforeAll
    static void load() {
        fees = new RegistryFees(new ObjectMapper().findAndRegisterModules());
    }

    private static Function<String, String> data(Map<String, String> values) {
        return values::get;
    }

    private static List<String> amounts(List<Disbursement> list) {
        return list.stream().map(d -> Money.cents(d.amount()).toString()).toList();
    }

    private static BigDecimal total(List<Disbursement> list) {
        return list.stream().map(Disbursement::amount).reduce(Money.ZERO, BigDecimal::add);
    }

    @Test
    void privateCompanyWithStandardMoi() {
        List<Disbursement> list = fees.fees("ZA", "private-company", DAY, data(Map.of("company.moi", "standard")));

        assertThat(list)
                .extracting(Disbursement::code)
                .containsExactly("cipc-name-reservation", "cipc-incorporation-standard-moi");
        assertThat(amounts(list)).containsExactly("50.00", "125.00");
        assertThat(total(list)).hasToString("175.00");
        assertThat(list.get(1).description()).isEqualTo("CIPC incorporation with the standard MOI (CoR 14.1)");
    }

    @Test
    void privateCompanyWithCustomMoi() {
        List<Disbursement> list = fees.fees("ZA", "private-company", DAY, data(Map.of("company.moi", "custom")));

        assertThat(list)
                .extracting(Disbursement::code)
                .containsExactly("cipc-name-reservation", "cipc-incorporation-custom-moi");
        assertThat(amounts(list)).containsExactly("50.00", "475.00");
        assertThat(total(list)).hasToString("525.00");
    }

    @Test
    void privateCompanyWithoutMoiPaysOnlyTheNameReservation() {
        List<Disbursement> list = fees.fees("ZA", "private-company", DAY, data(Map.of()));

        assertThat(amounts(list)).containsExactly("50.00");
    }

    @Test
    void nameReservation() {
        List<Disbursement> list = fees.fees("ZA", "name-reservation", DAY, data(Map.of()));

        assertThat(list).extracting(Disbursement::code).containsExactly("cipc-name-reservation");
        assertThat(amounts(list)).containsExactly("50.00");
        assertThat(list.get(0).amount().scale()).isEqualTo(2);
    }

    @Test
    void noFeesListedForZimbabweNorForVatRegistration() {
        assertThat(fees.fees("ZW", "private-company", DAY, data(Map.of("company.moi", "standard"))))
                .isEmpty();
        assertThat(fees.fees("ZA", "vat-registration", DAY, data(Map.of()))).isEmpty();
    }

    @Test
    void vatRateIsEffectiveDated() {
        assertThat(fees.vatRate("ZA", LocalDate.of(2018, 3, 31)))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("14"));
        assertThat(fees.vatRate("ZA", LocalDate.of(2018, 4, 1)))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("15"));
        assertThat(fees.vatRate("ZA", DAY))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("15"));
        assertThat(fees.vatRate("ZA", LocalDate.of(2000, 1, 1)))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("14"));
    }

    @Test
    void noVatKnownForZimbabwe() {
        assertThat(fees.vatRate("ZW", DAY)).isEmpty();
    }

    @Test
    void dependOnData() {
        assertThat(fees.dependOnData("ZA", "private-company")).isTrue();
        assertThat(fees.dependOnData("ZA", "name-reservation")).isFalse();
        assertThat(fees.dependOnData("ZA", "vat-registration")).isFalse();
        assertThat(fees.dependOnData("ZW", "private-company")).isFalse();
    }

    @Test
    void dataIsOnlyAskedForFeesThatDependOnIt() {
        List<String> asked = new java.util.ArrayList<>();
        fees.fees("ZA", "name-reservation", DAY, path -> {
            asked.add(path);
            return null;
        });
        assertThat(asked).isEmpty();

        fees.fees("ZA", "private-company", DAY, path -> {
            asked.add(path);
            return null;
        });
        assertThat(asked).containsOnly("company.moi");
    }
}

package io.comply360.commission.commission;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.comply360.commission.ratecard.AgentRule;
import io.comply360.commission.ratecard.AgentRule.Kind;
import io.comply360.commission.ratecard.AgentRule.Tier;
import io.comply360.commission.ratecard.RateLine;
import io.comply360.commission.ratecard.RegistryFees.Disbursement;

class CalculationTest {

    private static final BigDecimal VAT_15 = new BigDecimal("15");

    private static final List<Disbursement> CIPC = List.of(
            new Disbursement("cipc-name-reservation", "CIPC name reservation (CoR 9.1)", new BigDecimal("50.00")),
            new Disbursement(
                    "cipc-incorporation-standard-moi",
                    "CIPC incorporation with the standard MOI (CoR 14.1)",
                    new BigDecimal("125.00")));

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static RateLine line(String fee, AgentRule rule) {
        return new RateLine("ZA", "private-company", d(fee), rule);
    }

    private static AgentRule fixed(String amount) {
        return new AgentRule(Kind.FIXED, d(amount), null, null);
    }

    private static AgentRule percentage(String percent) {
        return new AgentRule(Kind.PERCENTAGE, null, d(percent), null);
    }

    /** Tier 1: filings 1-10 pay 100.00; tier 2: 11-20 pay 10 % of the fee; tier 3: 21 on pay 300.00. */
    private static final AgentRule TIERS = new AgentRule(
            Kind.TIERED,
            null,
            null,
            List.of(new Tier(1, d("100.00"), null), new Tier(11, null, d("10")), new Tier(21, d("300"), null)));

    @Nested
    class Fixed {

        @Test
        void paysTheAmountWhateverTheFee() {
            Calculation c = Calculation.of(line("1250.00", fixed("200")), null, List.of(), 7);

            assertThat(c.amount()).hasToString("200.00");
            assertThat(c.professionalFee()).hasToString("1250.00");
            assertThat(c.provisional()).isFalse();
            assertThat(c.volume()).isNull();
            assertThat(c.tier()).isNull();
            assertThat(c.rule()).isEqualTo(fixed("200"));
        }

        @Test
        void amountIsRoundedHalfEvenToTheCent() {
            assertThat(Calculation.of(line("100", fixed("10.125")), null, List.of(), 1)
                            .amount())
                    .hasToString("10.12");
            assertThat(Calculation.of(line("100", fixed("10.135")), null, List.of(), 1)
                            .amount())
                    .hasToString("10.14");
        }
    }

    @Nested
    class Percentage {

        @Test
        void isOfTheProfessionalFeeRoundedHalfEven() {
            // 12.5 % of 1234.50 = 154.3125
            Calculation c = Calculation.of(line("1234.50", percentage("12.5")), null, List.of(), 1);

            assertThat(c.amount()).hasToString("154.31");
            assertThat(c.provisional()).isFalse();
            assertThat(c.volume()).isNull();
            assertThat(c.tier()).isNull();
        }

        @Test
        void neverOfTheDisbursementsNorOfVat() {
            Calculation c = Calculation.of(line("1234.50", percentage("12.5")), VAT_15, CIPC, 1);

            assertThat(c.amount()).hasToString("154.31");
            assertThat(c.feeTotal()).hasToString("1594.68"); // 1234.50 + 185.18 + 175.00
        }

        @ParameterizedTest(name = "{1} % of {0} = {2}")
        @CsvSource({
            // exactly half a cent: rounds to the even cent, down and up
            "1.25, 10, 0.12",
            "1.35, 10, 0.14",
            "0.25, 50, 0.12",
            "0.75, 50, 0.38",
            // not a tie
            "1.26, 10, 0.13",
            "1000.00, 0.0001, 0.00",
            "1250.00, 100, 1250.00",
        })
        void roundsHalfToEven(String fee, String percent, String expected) {
            Calculation c = Calculation.of(line(fee, percentage(percent)), null, List.of(), 1);

            assertThat(c.amount()).hasToString(expected);
        }
    }

    @Nested
    class FeeAndVat {

        @Test
        void vatIsFifteenPercentOfTheFeeOnlyWhenARateIsGiven() {
            Calculation c = Calculation.of(line("1250", fixed("200")), VAT_15, List.of(), 1);

            assertThat(c.vatRate()).isEqualByComparingTo("15");
            assertThat(c.vat()).hasToString("187.50");
            assertThat(c.feeTotal()).hasToString("1437.50");
        }

        @Test
        void noVatWithoutARate() {
            Calculation c = Calculation.of(line("1250", fixed("200")), null, CIPC, 1);

            assertThat(c.vatRate()).isNull();
            assertThat(c.vat()).hasToString("0.00");
            assertThat(c.disbursementsTotal()).hasToString("175.00");
            assertThat(c.feeTotal()).hasToString("1425.00");
        }

        @Test
        void vatIsNotChargedOnDisbursements() {
            Calculation c = Calculation.of(line("1250.00", fixed("200")), VAT_15, CIPC, 1);

            assertThat(c.vat()).hasToString("187.50"); // not 15 % of 1425.00 (213.75)
            assertThat(c.disbursements()).isEqualTo(CIPC);
            assertThat(c.disbursementsTotal()).hasToString("175.00");
            assertThat(c.feeTotal()).hasToString("1612.50"); // 1250.00 + 187.50 + 175.00
            assertThat(c.amount()).hasToString("200.00");
        }

        @Test
        void vatIsRoundedHalfEven() {
            // 15 % of 1234.50 = 185.175 -> 185.18 (8 is even); 15 % of 1234.30 = 185.145 -> 185.14
            assertThat(Calculation.of(line("1234.50", fixed("1")), VAT_15, List.of(), 1)
                            .vat())
                    .hasToString("185.18");
            assertThat(Calculation.of(line("1234.30", fixed("1")), VAT_15, List.of(), 1)
                            .vat())
                    .hasToString("185.14");
        }

        @Test
        void feeIsCarriedToTheCent() {
            Calculation c = Calculation.of(line("1250", fixed("200")), null, List.of(), 1);

            assertThat(c.professionalFee()).hasToString("1250.00");
            assertThat(c.feeTotal()).hasToString("1250.00");
        }

        @Test
        void historicalVatRate() {
            Calculation c = Calculation.of(line("1000", fixed("100")), new BigDecimal("14"), CIPC, 1);

            assertThat(c.vat()).hasToString("140.00");
            assertThat(c.feeTotal()).hasToString("1315.00");
        }
    }

    @Nested
    class Tiered {

        @ParameterizedTest(name = "volume {0} reaches tier {1}: {2}")
        @CsvSource({
            "1, 0, 100.00",
            "10, 0, 100.00",
            "11, 1, 125.00",
            "20, 1, 125.00",
            "21, 2, 300.00",
            "100000, 2, 300.00",
        })
        void tierBoundaries(int volume, int tier, String amount) {
            Calculation c = Calculation.of(line("1250.00", TIERS), VAT_15, CIPC, volume);

            assertThat(c.tier()).isEqualTo(tier);
            assertThat(c.volume()).isEqualTo(volume);
            assertThat(c.amount()).hasToString(amount);
            assertThat(c.provisional()).isTrue();
            assertThat(c.feeTotal()).hasToString("1612.50");
        }

        @Test
        void percentTierIsOfTheFeeOnlyRoundedHalfEven() {
            // 10 % of 1.25 = 0.125 -> 0.12
            Calculation c = Calculation.of(line("1.25", TIERS), VAT_15, CIPC, 11);

            assertThat(c.amount()).hasToString("0.12");
        }

        @Test
        void fixedAtMovesToTheFinalTier() {
            Calculation early = Calculation.of(line("1250.00", TIERS), VAT_15, CIPC, 3);
            assertThat(early.amount()).hasToString("100.00");

            Calculation fixed = early.fixedAt(25);

            assertThat(fixed.provisional()).isFalse();
            assertThat(fixed.volume()).isEqualTo(25);
            assertThat(fixed.tier()).isEqualTo(2);
            assertThat(fixed.amount()).hasToString("300.00");
            // the fee side does not change
            assertThat(fixed.professionalFee()).hasToString("1250.00");
            assertThat(fixed.vatRate()).isEqualByComparingTo("15");
            assertThat(fixed.vat()).hasToString("187.50");
            assertThat(fixed.disbursements()).isEqualTo(CIPC);
            assertThat(fixed.disbursementsTotal()).hasToString("175.00");
            assertThat(fixed.feeTotal()).hasToString("1612.50");
            assertThat(fixed.rule()).isEqualTo(TIERS);
        }

        @Test
        void fixedAtAPercentTier() {
            Calculation fixed =
                    Calculation.of(line("1234.50", TIERS), null, List.of(), 1).fixedAt(11);

            assertThat(fixed.tier()).isEqualTo(1);
            assertThat(fixed.amount()).hasToString("123.45");
            assertThat(fixed.provisional()).isFalse();
        }

        @Test
        void fixedAtTheSameTierKeepsTheAmount() {
            Calculation fixed =
                    Calculation.of(line("1250.00", TIERS), null, List.of(), 2).fixedAt(10);

            assertThat(fixed.tier()).isZero();
            assertThat(fixed.volume()).isEqualTo(10);
            assertThat(fixed.amount()).hasToString("100.00");
            assertThat(fixed.provisional()).isFalse();
        }

        @Test
        void singleTier() {
            AgentRule one = new AgentRule(Kind.TIERED, null, null, List.of(new Tier(1, null, d("12.5"))));
            Calculation c = Calculation.of(line("1234.50", one), null, List.of(), 50);

            assertThat(c.tier()).isZero();
            assertThat(c.amount()).hasToString("154.31");
            assertThat(c.fixedAt(500).amount()).hasToString("154.31");
        }
    }

    @Nested
    class FixedAtOtherKinds {

        @Test
        void leavesFixedUntouched() {
            Calculation c = Calculation.of(line("1250.00", fixed("200")), VAT_15, CIPC, 3);

            Calculation fixed = c.fixedAt(50);

            assertThat(fixed).isSameAs(c);
            assertThat(fixed.volume()).isNull();
            assertThat(fixed.tier()).isNull();
            assertThat(fixed.amount()).hasToString("200.00");
            assertThat(fixed.provisional()).isFalse();
        }

        @Test
        void leavesPercentageUntouched() {
            Calculation c = Calculation.of(line("1234.50", percentage("12.5")), VAT_15, CIPC, 3);

            Calculation fixed = c.fixedAt(50);

            assertThat(fixed).isSameAs(c);
            assertThat(fixed.volume()).isNull();
            assertThat(fixed.tier()).isNull();
            assertThat(fixed.amount()).hasToString("154.31");
            assertThat(fixed.provisional()).isFalse();
        }
    }
}

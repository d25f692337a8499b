package io.comply360.commission.ratecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.comply360.commission.ratecard.AgentRule.Kind;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;

class RateCardRulesTest {

    private static BigDecimal d(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static RateCardRequest request(RateCardRequest.Line... lines) {
        return new RateCardRequest(LocalDate.of(2026, 1, 1), true, null, Arrays.asList(lines));
    }

    private static RateCardRequest.Line line(String country, String type, String fee, RateCardRequest.Rule rule) {
        return new RateCardRequest.Line(country, type, d(fee), rule);
    }

    private static RateCardRequest.Line line(RateCardRequest.Rule rule) {
        return line("ZA", "private-company", "1250", rule);
    }

    private static RateCardRequest.Rule rule(Kind kind, String amount, String percent, RateCardRequest.Tier... tiers) {
        return new RateCardRequest.Rule(kind, d(amount), d(percent), tiers.length == 0 ? null : List.of(tiers));
    }

    private static RateCardRequest.Tier tier(int from, String amount, String percent) {
        return new RateCardRequest.Tier(from, d(amount), d(percent));
    }

    private static List<String> fieldsOf(RateCardRequest request) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> RateCardService.checked(request));
        assertThat(e).as("a ProblemException").isNotNull();
        assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(e.errors()).allSatisfy(f -> assertThat(f.message()).isNotBlank());
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void fixedWithoutAmount() {
        assertThat(fieldsOf(request(line(rule(Kind.FIXED, null, null))))).containsExactly("lines[0].agentRule.amount");
    }

    @Test
    void fixedWithPercent() {
        assertThat(fieldsOf(request(line(rule(Kind.FIXED, "100", "10")))))
                .containsExactly("lines[0].agentRule.percent");
    }

    @Test
    void fixedWithTiers() {
        assertThat(fieldsOf(request(line(rule(Kind.FIXED, "100", null, tier(1, "10", null))))))
                .containsExactly("lines[0].agentRule.tiers");
    }

    @Test
    void percentageWithoutPercent() {
        assertThat(fieldsOf(request(line(rule(Kind.PERCENTAGE, null, null)))))
                .containsExactly("lines[0].agentRule.percent");
    }

    @Test
    void percentageWithAmount() {
        assertThat(fieldsOf(request(line(rule(Kind.PERCENTAGE, "100", "10")))))
                .containsExactly("lines[0].agentRule.amount");
    }

    @Test
    void tieredWithoutTiers() {
        assertThat(fieldsOf(request(line(rule(Kind.TIERED, null, null))))).containsExactly("lines[0].agentRule.tiers");
        assertThat(fieldsOf(request(line(new RateCardRequest.Rule(Kind.TIERED, null, null, List.of())))))
                .containsExactly("lines[0].agentRule.tiers");
    }

    @Test
    void tieredWithAnAmountOrPercentOfItsOwn() {
        assertThat(fieldsOf(request(line(rule(Kind.TIERED, "100", "10", tier(1, "10", null))))))
                .containsExactlyInAnyOrder("lines[0].agentRule.amount", "lines[0].agentRule.percent");
    }

    @Test
    void firstTierMustStartAtOne() {
        assertThat(fieldsOf(request(line(rule(Kind.TIERED, null, null, tier(2, "10", null))))))
                .containsExactly("lines[0].agentRule.tiers[0].from");
    }

    @Test
    void tiersMustIncrease() {
        assertThat(fieldsOf(request(line(
                        rule(Kind.TIERED, null, null, tier(1, "10", null), tier(5, "20", null), tier(5, "30", null))))))
                .containsExactly("lines[0].agentRule.tiers[2].from");
        assertThat(fieldsOf(request(line(rule(
                        Kind.TIERED, null, null, tier(1, "10", null), tier(10, "20", null), tier(3, "30", null))))))
                .containsExactly("lines[0].agentRule.tiers[2].from");
    }

    @Test
    void aTierPaysEitherAnAmountOrAPercent() {
        assertThat(fieldsOf(request(line(rule(Kind.TIERED, null, null, tier(1, "10", null), tier(5, "20", "5"))))))
                .containsExactly("lines[0].agentRule.tiers[1]");
        assertThat(fieldsOf(request(line(rule(Kind.TIERED, null, null, tier(1, null, null))))))
                .containsExactly("lines[0].agentRule.tiers[0]");
    }

    @Test
    void duplicateCountryAndType() {
        assertThat(fieldsOf(request(
                        line(rule(Kind.FIXED, "100", null)),
                        line("ZW", "private-company", "300", rule(Kind.FIXED, "20", null)),
                        line(rule(Kind.PERCENTAGE, null, "10")))))
                .containsExactly("lines[2].type");
        assertThat(fieldsOf(request(line(rule(Kind.FIXED, "100", null)), line(rule(Kind.FIXED, "100", null)))))
                .containsExactly("lines[1].type");
    }

    @Test
    void everyOffendingFieldIsNamed() {
        assertThat(fieldsOf(request(
                        line(rule(Kind.FIXED, null, "5")),
                        line("ZA", "name-reservation", "100", rule(Kind.PERCENTAGE, null, null)),
                        line("ZW", "private-company", "100", rule(Kind.TIERED, null, null, tier(3, "1", "2"))))))
                .containsExactlyInAnyOrder(
                        "lines[0].agentRule.amount",
                        "lines[0].agentRule.percent",
                        "lines[1].agentRule.percent",
                        "lines[2].agentRule.tiers[0].from",
                        "lines[2].agentRule.tiers[0]");
    }

    @Test
    void validRequestGivesRateLinesWithTheFeeInCents() {
        List<RateLine> lines = RateCardService.checked(request(
                line("ZA", "private-company", "1250", rule(Kind.FIXED, "200", null)),
                line("ZA", "name-reservation", "99.5", rule(Kind.PERCENTAGE, null, "12.5")),
                line(
                        "ZW",
                        "private-company",
                        "300.00",
                        rule(Kind.TIERED, null, null, tier(1, "10", null), tier(11, null, "5")))));

        assertThat(lines).hasSize(3);

        RateLine fixed = lines.get(0);
        assertThat(fixed.country()).isEqualTo("ZA");
        assertThat(fixed.type()).isEqualTo("private-company");
        assertThat(fixed.professionalFee()).hasToString("1250.00");
        assertThat(fixed.agentRule().kind()).isEqualTo(Kind.FIXED);
        assertThat(fixed.agentRule().amount()).isEqualByComparingTo("200");
        assertThat(fixed.agentRule().percent()).isNull();
        assertThat(fixed.agentRule().tiers()).isNull();

        RateLine percentage = lines.get(1);
        assertThat(percentage.professionalFee()).hasToString("99.50");
        assertThat(percentage.agentRule().percent()).isEqualByComparingTo("12.5");
        assertThat(percentage.agentRule().amount()).isNull();

        RateLine tiered = lines.get(2);
        assertThat(tiered.country()).isEqualTo("ZW");
        assertThat(tiered.professionalFee()).hasToString("300.00");
        assertThat(tiered.agentRule().kind()).isEqualTo(Kind.TIERED);
        assertThat(tiered.agentRule().amount()).isNull();
        assertThat(tiered.agentRule().percent()).isNull();
        assertThat(tiered.agentRule().tiers())
                .containsExactly(new AgentRule.Tier(1, d("10"), null), new AgentRule.Tier(11, null, d("5")));
    }

    @Test
    void sameTypeInTwoCountriesIsNoDuplicate() {
        List<RateLine> lines = RateCardService.checked(request(
                line("ZA", "private-company", "1250", rule(Kind.FIXED, "200", null)),
                line("ZW", "private-company", "300", rule(Kind.FIXED, "20", null))));

        assertThat(lines).extracting(RateLine::country).containsExactly("ZA", "ZW");
    }
}

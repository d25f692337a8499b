package io.comply360.registration.wizard.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.registration.wizard.FieldMessage;
import io.comply360.registration.wizard.WorkingDays;

class RulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SA = ZoneId.of("Africa/Johannesburg");
    private static final VatThresholds THRESHOLDS = VatThresholds.fromClasspath();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Clock on(String date) {
        return Clock.fixed(LocalDate.parse(date).atTime(9, 0).atZone(SA).toInstant(), SA);
    }

    private static RuleContext check(String rule, String params, String data) {
        return check(rule, params, data, on("2026-03-15"), Map.of(), WorkingDays.mondayToFriday());
    }

    private static RuleContext check(
            String rule, String params, String data, Clock clock, Map<String, String> settings, WorkingDays days) {
        RuleContext context = new RuleContext(json(data), clock, settings, days, THRESHOLDS);
        Rules.named(rule).check(json(params), context);
        return context;
    }

    @Test
    void everyRuleOfTheFormatIsKnownAndNoOther() {
        assertThat(Rules.names())
                .containsExactlyInAnyOrder(
                        "sum-equals",
                        "min-items",
                        "unique",
                        "unique-values",
                        "first-financial-year",
                        "date-within",
                        "beneficial-owners-cover-shareholders",
                        "vat-liability",
                        "enterprise-type");
        assertThatThrownBy(() -> Rules.named("sum-equal")).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class SumEquals {

        private static final String PARAMS = "{'items': 'shareholders', 'field': 'percentage', 'total': 100}";

        @Test
        void sharesTotalling100Pass() {
            assertThat(check("sum-equals", PARAMS, "{'shareholders': [{'percentage': 60}, {'percentage': 40}]}")
                            .errors())
                    .isEmpty();
            // Decimal percentages add up exactly: no floating-point drift.
            assertThat(check(
                                    "sum-equals",
                                    PARAMS,
                                    "{'shareholders': [{'percentage': 33.33}, {'percentage': 33.33}, {'percentage':"
                                            + " 33.34}]}")
                            .errors())
                    .isEmpty();
        }

        @Test
        void sharesTotallingLessAreAnErrorOnTheList() {
            assertThat(check("sum-equals", PARAMS, "{'shareholders': [{'percentage': 60}, {'percentage': 30}]}")
                            .errors())
                    .containsExactly(
                            new FieldMessage("shareholders", "the percentage values must total 100 (they total 90)"));
        }

        @Test
        void aMissingListIsLeftToTheSchema() {
            assertThat(check("sum-equals", PARAMS, "{}").errors()).isEmpty();
        }

        @Test
        void brokenParametersAreADefinitionBug() {
            assertThatThrownBy(() -> check("sum-equals", "{'items': 'shareholders', 'total': 100}", "{}"))
                    .hasMessageContaining("parameter 'field'");
        }
    }

    @Nested
    class MinItems {

        @Test
        void fixedMinimum() {
            String params = "{'items': 'directors', 'min': 1}";
            assertThat(check("min-items", params, "{'directors': [{}]}").errors())
                    .isEmpty();
            assertThat(check("min-items", params, "{'directors': []}").errors())
                    .containsExactly(new FieldMessage("directors", "must have at least 1 entry"));
            assertThat(check("min-items", params, "{}").errors()).hasSize(1);
        }

        @Test
        void minimumFromASettingElseTheDefault() {
            String params = "{'items': 'directors', 'minSetting': 'zw.private-company.min-directors', 'default': 2}";
            String oneDirector = "{'directors': [{}]}";
            assertThat(check("min-items", params, oneDirector).errors())
                    .containsExactly(new FieldMessage("directors", "must have at least 2 entries"));
            assertThat(check(
                                    "min-items",
                                    params,
                                    oneDirector,
                                    on("2026-03-15"),
                                    Map.of("zw.private-company.min-directors", "1"),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .isEmpty();
            assertThatThrownBy(() -> check(
                            "min-items",
                            params,
                            oneDirector,
                            on("2026-03-15"),
                            Map.of("zw.private-company.min-directors", "two"),
                            WorkingDays.mondayToFriday()))
                    .hasMessageContaining("must be an integer");
        }
    }

    @Nested
    class Unique {

        private static final String PARAMS = "{'items': 'directors', 'fields': ['idNumber', 'passportNumber']}";

        @Test
        void distinctPeoplePass() {
            assertThat(check(
                                    "unique",
                                    PARAMS,
                                    "{'directors': [{'idNumber': '7503305044089'}, {'idNumber': '8001015009087'},"
                                            + " {'passportNumber': 'FN123456'}, {'passportNumber': ''},"
                                            + " {'passportNumber': ''}]}")
                            .errors())
                    .isEmpty();
        }

        @Test
        void theSamePersonTwiceIsAnErrorOnTheLaterOne() {
            assertThat(check(
                                    "unique",
                                    PARAMS,
                                    "{'directors': [{'idNumber': '7503305044089'}, {'passportNumber': 'FN123456'},"
                                            + " {'idNumber': '750330 5044 089'}, {'passportNumber': 'fn123456'}]}")
                            .errors())
                    .containsExactly(
                            new FieldMessage("directors[2].idNumber", "must be unique: the same as directors[0]"),
                            new FieldMessage(
                                    "directors[3].passportNumber", "must be unique: the same as directors[1]"));
        }
    }

    @Test
    void uniqueValuesIgnoreCaseAndSpacing() {
        String params = "{'field': 'proposedNames'}";
        assertThat(check("unique-values", params, "{'proposedNames': ['Karoo Ridge', 'Karoo Vale']}")
                        .errors())
                .isEmpty();
        assertThat(check("unique-values", params, "{'proposedNames': ['Karoo Ridge', ' karoo   RIDGE ']}")
                        .errors())
                .containsExactly(new FieldMessage("proposedNames[1]", "must be unique: the same as proposedNames[0]"));
    }

    @Nested
    class FirstFinancialYearRule {

        @Test
        void theFirstYearEndsAtTheNextYearEndAfterToday() {
            LocalDate today = LocalDate.parse("2026-03-15");
            assertThat(FirstFinancialYear.firstYearEnd(MonthDay.of(2, 28), today))
                    .isEqualTo("2027-02-28");
            assertThat(FirstFinancialYear.firstYearEnd(MonthDay.of(6, 30), today))
                    .isEqualTo("2026-06-30");
            // A year end of today would make a first year of no days: it is next year's.
            assertThat(FirstFinancialYear.firstYearEnd(MonthDay.of(3, 15), today))
                    .isEqualTo("2027-03-15");
            assertThat(FirstFinancialYear.firstYearEnd(MonthDay.of(2, 29), today))
                    .isEqualTo("2027-02-28");
        }

        @Test
        void atMostMaxMonths() {
            String data = "{'financialYearEnd': '--02-28'}";
            assertThat(check("first-financial-year", "{'field': 'financialYearEnd', 'maxMonths': 15}", data)
                            .errors())
                    .isEmpty();
            assertThat(check("first-financial-year", "{'field': 'financialYearEnd', 'maxMonths': 11}", data)
                            .errors())
                    .containsExactly(new FieldMessage(
                            "financialYearEnd",
                            "the first financial year would end on 2027-02-28, more than 11 months from today"));
        }

        @Test
        void aChosenFirstYearEndMayBeLongerButNotPastMaxMonths() {
            String params = "{'field': 'financialYearEnd', 'maxMonths': 15, 'firstYearEnd': 'firstFinancialYearEnd'}";
            Clock clock = on("2026-03-15");
            assertThat(check(
                                    "first-financial-year",
                                    params,
                                    "{'financialYearEnd': '--02-28', 'firstFinancialYearEnd': '2027-02-28'}",
                                    clock,
                                    Map.of(),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .isEmpty();
            assertThat(check(
                                    "first-financial-year",
                                    params,
                                    "{'financialYearEnd': '--06-30', 'firstFinancialYearEnd': '2027-06-30'}",
                                    clock,
                                    Map.of(),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .as("fifteen and a half months")
                    .containsExactly(new FieldMessage(
                            "firstFinancialYearEnd",
                            "the first financial year would end on 2027-06-30, more than 15 months from today"));
            assertThat(check(
                                    "first-financial-year",
                                    params,
                                    "{'financialYearEnd': '--06-30', 'firstFinancialYearEnd': '2027-05-31'}",
                                    clock,
                                    Map.of(),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .extracting(FieldMessage::message)
                    .containsExactly("must fall on the financial year end (--06-30)");
            assertThat(check(
                                    "first-financial-year",
                                    params,
                                    "{'financialYearEnd': '--02-28', 'firstFinancialYearEnd': '2026-02-28'}",
                                    clock,
                                    Map.of(),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .extracting(FieldMessage::message)
                    .containsExactly("must be after today");
        }

        @Test
        void dependsOnTheClock() {
            String params = "{'field': 'financialYearEnd', 'maxMonths': 6}";
            String data = "{'financialYearEnd': '--08-31'}";
            assertThat(check(
                                    "first-financial-year",
                                    params,
                                    data,
                                    on("2026-03-15"),
                                    Map.of(),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .isEmpty();
            assertThat(check(
                                    "first-financial-year",
                                    params,
                                    data,
                                    on("2026-01-15"),
                                    Map.of(),
                                    WorkingDays.mondayToFriday())
                            .errors())
                    .hasSize(1);
        }

        @Test
        void anInvalidMonthDayIsLeftToTheSchema() {
            assertThat(check(
                                    "first-financial-year",
                                    "{'field': 'financialYearEnd', 'maxMonths': 1}",
                                    "{'financialYearEnd': '--02-30'}")
                            .errors())
                    .isEmpty();
        }
    }

    @Test
    void dateWithin() {
        String params = "{'field': 'searchDate', 'maxAgeDays': 30, 'message': 'the name search is older than 30 days'}";
        assertThat(check("date-within", params, "{'searchDate': '2026-03-15'}").errors())
                .isEmpty();
        assertThat(check("date-within", params, "{'searchDate': '2026-02-13'}").errors())
                .isEmpty();
        assertThat(check("date-within", params, "{'searchDate': '2026-02-12'}").errors())
                .containsExactly(new FieldMessage("searchDate", "the name search is older than 30 days"));
        assertThat(check("date-within", params, "{'searchDate': '2026-03-16'}").errors())
                .containsExactly(new FieldMessage("searchDate", "must not be in the future"));
        assertThat(check("date-within", "{'field': 'searchDate', 'maxAgeDays': 30}", "{'searchDate': '2025-01-01'}")
                        .errors())
                .containsExactly(new FieldMessage("searchDate", "must be at most 30 days ago"));
    }

    @Nested
    class BeneficialOwnersCoverShareholders {

        private static final String PARAMS = "{'shareholders': 'shareholders.shareholders', 'owners':"
                + " 'beneficialOwners.beneficialOwners', 'threshold': 5}";

        private String data(String shareholders, String owners) {
            return "{'shareholders': {'shareholders': [" + shareholders + "]}, 'beneficialOwners':"
                    + " {'beneficialOwners': [" + owners + "]}}";
        }

        @Test
        void naturalShareholdersFrom5PercentAreOwners() {
            String shareholders = "{'kind': 'natural', 'firstNames': 'Thandiwe', 'surname': 'Dlamini', 'idNumber':"
                    + " '7503305044089', 'percentage': 60}, {'kind': 'natural', 'passportNumber': 'FN123456',"
                    + " 'percentage': 5}, {'kind': 'natural', 'idNumber': '8001015009087', 'percentage': 4.99},"
                    + " {'kind': 'juristic', 'registrationNumber': '2012/123456/07', 'percentage': 30.01}";
            String owners = "{'idNumber': '7503305044089'}, {'passportNumber': 'fn 123456'}";
            assertThat(check("beneficial-owners-cover-shareholders", PARAMS, data(shareholders, owners))
                            .errors())
                    .isEmpty();
        }

        @Test
        void aMissingOwnerIsAnErrorOnTheOwners() {
            String shareholders = "{'kind': 'natural', 'firstNames': 'Johan', 'surname': 'van der Merwe', 'idNumber':"
                    + " '8001015009087', 'percentage': 30}";
            assertThat(check(
                                    "beneficial-owners-cover-shareholders",
                                    PARAMS,
                                    data(shareholders, "{'idNumber': '7503305044089'}"))
                            .errors())
                    .containsExactly(new FieldMessage(
                            "beneficialOwners.beneficialOwners",
                            "must include Johan van der Merwe, who holds 30 % (natural-person shareholders with 5 %"
                                    + " or more are beneficial owners)"));
        }
    }

    @Nested
    class VatLiability {

        private RuleContext liability(String supplies, String date, String kind, String today) {
            return check(
                    "vat-liability",
                    "{}",
                    "{'taxableSupplies': " + supplies + ", 'thresholdDate': '" + date + "', 'registrationKind': '"
                            + kind + "'}",
                    on(today),
                    Map.of(),
                    WorkingDays.mondayToFriday());
        }

        @ParameterizedTest(name = "R{0} on {1} as {2}: {3}")
        @CsvSource(delimiter = '|', textBlock = """
                1500000 | 2026-03-15 | compulsory |
                1500000 | 2026-03-15 | voluntary  | registrationKind: must be compulsory: taxable supplies of R1,500,000 reach the compulsory threshold of R1,000,000 in force on 2026-03-15
                1500000 | 2026-04-15 | voluntary  |
                1500000 | 2026-04-15 | compulsory | registrationKind: must be voluntary: taxable supplies of R1,500,000 are below the compulsory threshold of R2,300,000 in force on 2026-04-15
                1000000 | 2026-03-31 | compulsory |
                2300000 | 2026-04-01 | compulsory |
                2299999.99 | 2026-04-01 | voluntary |
                100000  | 2026-03-15 | voluntary  |
                100000  | 2026-04-15 | voluntary  | taxableSupplies: is below the voluntary threshold of R120,000 in force on 2026-04-15
                50000   | 2026-03-31 | voluntary  |
                49999   | 2026-03-31 | voluntary  | taxableSupplies: is below the voluntary threshold of R50,000 in force on 2026-03-31
                120000  | 2026-04-01 | voluntary  |
                1500000 | 2009-01-01 | compulsory | thresholdDate: no VAT thresholds are known for 2009-01-01
                """)
        void thresholdsInForceOnTheThresholdDate(String supplies, String date, String kind, String error) {
            List<FieldMessage> errors =
                    liability(supplies, date, kind, "2026-04-20").errors();
            if (error == null) {
                assertThat(errors).isEmpty();
            } else {
                String[] parts = error.split(": ", 2);
                assertThat(errors).containsExactly(new FieldMessage(parts[0], parts[1]));
            }
        }

        @Test
        void aLateCompulsoryApplicationIsAWarningOnly() {
            // 21 business days after Wednesday 15 April 2026, Monday to Friday: Thursday 14 May.
            RuleContext onTime = liability("2500000", "2026-04-15", "compulsory", "2026-05-14");
            assertThat(onTime.errors()).isEmpty();
            assertThat(onTime.warnings()).isEmpty();
            RuleContext late = liability("2500000", "2026-04-15", "compulsory", "2026-05-15");
            assertThat(late.errors()).isEmpty();
            assertThat(late.warnings())
                    .containsExactly(new FieldMessage(
                            "thresholdDate",
                            "the application was due by 2026-05-14 (21 business days after the threshold was"
                                    + " crossed)"));
        }

        @Test
        void theDueDateComesFromTheServicesCalendar() {
            WorkingDays withHolidays = (country, from, days) -> {
                assertThat(country).isEqualTo("ZA");
                return from.plusDays(60);
            };
            RuleContext context = check(
                    "vat-liability",
                    "{}",
                    "{'taxableSupplies': 2500000, 'thresholdDate': '2026-04-15', 'registrationKind': 'compulsory'}",
                    on("2026-05-20"),
                    Map.of(),
                    withHolidays);
            assertThat(context.warnings()).isEmpty();
        }

        @Test
        void atDefinitionLevelTheStepHoldingTheSuppliesIsFound() {
            RuleContext context = check(
                    "vat-liability",
                    "{}",
                    "{'business': {'tradingName': 'X'}, 'liability': {'taxableSupplies': 100000, 'thresholdDate':"
                            + " '2026-04-15', 'registrationKind': 'voluntary'}}");
            assertThat(context.errors()).extracting(FieldMessage::field).containsExactly("liability.taxableSupplies");
            RuleContext named = check(
                    "vat-liability",
                    "{'at': 'liability'}",
                    "{'liability': {'taxableSupplies': 3000000, 'thresholdDate': '2026-04-15', 'registrationKind':"
                            + " 'voluntary'}}");
            assertThat(named.errors()).extracting(FieldMessage::field).containsExactly("liability.registrationKind");
        }

        @Test
        void incompleteDataIsLeftToTheSchema() {
            assertThat(check("vat-liability", "{}", "{'taxableSupplies': 100}").errors())
                    .isEmpty();
            assertThat(check("vat-liability", "{}", "{}").errors()).isEmpty();
        }

        @Test
        void thresholdsAreReferenceData() {
            assertThat(THRESHOLDS.on(LocalDate.parse("2026-03-31")))
                    .hasValueSatisfying(t -> assertThat(t.compulsory()).isEqualByComparingTo("1000000"));
            assertThat(THRESHOLDS.on(LocalDate.parse("2026-04-01")))
                    .hasValueSatisfying(t -> assertThat(t.voluntary()).isEqualByComparingTo(new BigDecimal("120000")));
            assertThat(THRESHOLDS.applyWithinBusinessDays()).isEqualTo(21);
        }
    }

    @Test
    void enterpriseType() {
        String params = "{'field': 'enterpriseNumber', 'codes': ['23'], 'message': 'must be a close corporation"
                + " (type 23)'}";
        assertThat(check("enterprise-type", params, "{'enterpriseNumber': 'CK1998/012345/23'}")
                        .errors())
                .isEmpty();
        assertThat(check("enterprise-type", params, "{'enterpriseNumber': '2015/123456/07'}")
                        .errors())
                .containsExactly(new FieldMessage("enterpriseNumber", "must be a close corporation (type 23)"));
        assertThat(check("enterprise-type", params, "{'enterpriseNumber': 'not a number'}")
                        .errors())
                .isEmpty();
        assertThat(check(
                                "enterprise-type",
                                "{'field': 'members[].companyNumber', 'codes': ['06', '07']}",
                                "{'members': [{'companyNumber': '2015/123456/07'}, {'companyNumber':"
                                        + " '2001/000001/30'}]}")
                        .errors())
                .containsExactly(new FieldMessage(
                        "members[1].companyNumber", "must be the registration number of an entity of type 06 or 07"));
    }
}

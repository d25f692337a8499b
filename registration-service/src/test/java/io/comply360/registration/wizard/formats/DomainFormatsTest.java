package io.comply360.registration.wizard.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.comply360.contracts.identity.Luhn;

class DomainFormatsTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-03-15T08:00:00Z"), ZoneId.of("Africa/Johannesburg"));
    private static final Map<String, DomainFormat> FORMATS =
            DomainFormats.all(CLOCK).stream().collect(Collectors.toMap(DomainFormat::name, Function.identity()));

    /** Each row: format, value, expected outcome (ok, warning or error), a fragment of the message. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            za-id-number | 7503305044089  | ok      |
            za-id-number | 8001015009087  | ok      |
            za-id-number | 8001015009186  | ok      |
            za-id-number | 0002290012083  | ok      |
            za-id-number | 2701015009088  | ok      |
            za-id-number | 8503305044089  | error   | the check digit is wrong
            za-id-number | 9902301234082  | error   | 990230 (YYMMDD) is not a real date
            za-id-number | 9913015009082  | error   | is not a real date
            za-id-number | 8001015009285  | error   | must be 0 (citizen) or 1 (permanent resident), not 2
            za-id-number | 750330504408   | error   | 13 digits (this has 12)
            za-id-number | 75033050440890 | error   | 13 digits (this has 14)
            za-id-number | 75033050440A9  | error   | digits only
            za-id-number | "7503305044 089" | error | digits only
            za-id-number | 8001015009079  | warning | unusual 12th digit 7
            za-income-tax-number | 0123456782 | ok    |
            za-income-tax-number | 9123456783 | ok    |
            za-income-tax-number | 0123456780 | error | the check digit is wrong
            za-income-tax-number | 4123456784 | error | the first digit must be 0, 1, 2, 3 or 9
            za-income-tax-number | 012345678  | error | 10 digits
            za-income-tax-number | 01234567a2 | error | 10 digits
            za-vat-number | 4123456784  | ok      |
            za-vat-number | 4012345676  | ok      |
            za-vat-number | 4123456780  | warning | fails the usual check digit test
            za-vat-number | 5123456784  | error   | 10 digits starting with 4
            za-vat-number | 412345678   | error   | 10 digits starting with 4
            za-vat-number | 41234567840 | error   | 10 digits starting with 4
            cipc-enterprise-number | 2015/123456/07   | ok      |
            cipc-enterprise-number | 1936/007721/06   | ok      |
            cipc-enterprise-number | CK1998/012345/23 | ok      |
            cipc-enterprise-number | 2001/000001/30   | ok      |
            cipc-enterprise-number | 2019/765432/08   | ok      |
            cipc-enterprise-number | 2026/000123/21   | ok      |
            cipc-enterprise-number | 2015/123456/99   | warning | unusual entity type code 99
            cipc-enterprise-number | 1799/123456/07   | error   | the year must be from 1800 to 2026
            cipc-enterprise-number | 2027/123456/07   | error   | the year must be from 1800 to 2026
            cipc-enterprise-number | 2015/12345/07    | error   | like 2015/123456/07
            cipc-enterprise-number | CK2015-123456-23 | error   | like 2015/123456/07
            cipc-enterprise-number | ck1998/012345/23 | error   | like 2015/123456/07
            company-name | Karoo Ridge Consulting          | ok    |
            company-name | Ridge & Vale (Cape) Consulting  | ok    |
            company-name | A+B=C @ 100% #1                 | ok    |
            company-name | Café Møller                     | ok    |
            company-name | Ũbuntu Ṱhohoyandou              | ok    |
            company-name | محمد للتجارة                    | ok    |
            company-name | 中文贸易公司                     | ok    |
            company-name | O'Reilly-Smith Trading, Inc.    | ok    |
            company-name | ((Nested) Brackets)             | ok    |
            company-name | Ridge (Cape                     | error | an opening bracket without a closing one
            company-name | Ridge) Cape (                   | error | a closing bracket without an opening one
            company-name | "Tab\tName"                     | error | control
            company-name | ...!?                           | error | must contain a letter or a digit
            company-name | Price $5                        | error | found '$'
            company-name | Copyright © Holdings            | error | found '©'
            e164-phone | +27821234567     | ok    |
            e164-phone | +263772123456    | ok    |
            e164-phone | 0821234567       | error | international phone number
            e164-phone | +0821234567      | error | international phone number
            e164-phone | +2782123         | error | international phone number
            e164-phone | +2782123456789012 | error | international phone number
            e164-phone | "+27 82 123 4567" | error | international phone number
            zw-national-id | 08-2047823Q29    | ok      |
            zw-national-id | 082047823Q29     | ok      |
            zw-national-id | "08 2047823 Q 29" | ok     |
            zw-national-id | 63-123456B42     | ok      |
            zw-national-id | 63-123456A42     | warning | the check letter A does not match the expected B
            zw-national-id | AB-123456A42     | error   | like 08-2047823Q29
            zw-national-id | 08-2047823-29    | error   | like 08-2047823Q29
            zw-national-id | 08-20478Q29      | error   | like 08-2047823Q29
            passport-number | FN123456        | ok    |
            passport-number | A12345678901234567XY | ok |
            passport-number | A1234           | error | 6 to 20 capital letters or digits
            passport-number | fn123456        | error | 6 to 20 capital letters or digits
            passport-number | A12345678901234567XYZ | error | 6 to 20 capital letters or digits
            iso-country | ZA  | ok    |
            iso-country | ZW  | ok    |
            iso-country | XX  | error | ISO 3166 country code
            iso-country | za  | error | ISO 3166 country code
            iso-country | ZAF | error | ISO 3166 country code
            za-postal-code | 0001  | ok    |
            za-postal-code | 8001  | ok    |
            za-postal-code | 800   | error | 4 digits
            za-postal-code | 80011 | error | 4 digits
            month-day | --02-28 | ok    |
            month-day | --02-29 | ok    |
            month-day | --12-31 | ok    |
            month-day | --02-30 | error | --MM-DD
            month-day | --13-01 | error | --MM-DD
            month-day | 02-28   | error | --MM-DD
            month-day | --2-28  | error | --MM-DD
            """)
    void checks(String format, String value, String outcome, String message) {
        FormatCheck check = FORMATS.get(format).check(value.replace("\\t", "\t"));
        switch (outcome) {
            case "ok":
                assertThat(check).isEqualTo(FormatCheck.ok());
                break;
            case "warning":
                assertThat(check.valid())
                        .as("a warning never makes the value invalid")
                        .isTrue();
                assertThat(check.warnings()).singleElement().asString().contains(message);
                break;
            default:
                assertThat(check.valid()).isFalse();
                assertThat(check.error()).contains(message);
                assertThat(check.warnings()).isEmpty();
        }
    }

    @Test
    void companyNamesAreAtMost200Characters() {
        DomainFormat name = FORMATS.get("company-name");
        assertThat(name.check("A".repeat(200)).valid()).isTrue();
        assertThat(name.check("A".repeat(201)).error()).isEqualTo("must be at most 200 characters");
        assertThat(name.check("").error()).isEqualTo("must not be empty");
        assertThat(name.check("Right\u202eLeft").error()).contains("invisible");
    }

    @Test
    void aBirthDateIsPutInTheCenturyThatIsNotInTheFuture() {
        DomainFormat id = FORMATS.get("za-id-number");
        Clock lateIn2027 = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneId.of("Africa/Johannesburg"));
        // 29 Feb 1900 never existed, 29 Feb 2000 did: the century decides whether the date is real.
        assertThat(id.check("0002290012083").valid()).isTrue();
        assertThat(new ZaIdNumber(lateIn2027).check("2701015009088").valid()).isTrue();
    }

    @Test
    void theNamesCoverOurFormatsAndTheStandardOnesWeUse() {
        assertThat(DomainFormats.names())
                .containsAll(FORMATS.keySet())
                .contains("date", "email", "uuid")
                .hasSize(FORMATS.size() + 3);
    }

    @Test
    void enterpriseNumbersAreTakenApart() {
        assertThat(CipcEnterpriseNumber.parse("CK1998/012345/23"))
                .contains(new CipcEnterpriseNumber.Parts(true, 1998, "012345", "23"));
        assertThat(CipcEnterpriseNumber.parse("2015/123456/7")).isEmpty();
    }

    @Test
    void luhn() {
        assertThat(Luhn.valid("79927398713")).isTrue();
        assertThat(Luhn.valid("79927398710")).isFalse();
    }
}

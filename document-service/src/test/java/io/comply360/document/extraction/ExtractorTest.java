package io.comply360.document.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.comply360.document.ocr.OcrResult;

/** Fields read off text, each with the confidence of its words and whether its own check held. */
class ExtractorTest {

    private final Extractor extractor =
            new Extractor(Clock.fixed(Instant.parse("2026-03-16T10:00:00Z"), ZoneOffset.UTC));

    private static OcrResult read(double confidence, String... lines) {
        return new OcrResult(
                OcrResult.OCR,
                Arrays.stream(lines)
                        .map(line -> new OcrResult.Line(
                                1,
                                Arrays.stream(line.split(" "))
                                        .map(w -> new OcrResult.Word(w, confidence))
                                        .toList()))
                        .toList(),
                1);
    }

    private static List<Field> named(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    @Test
    void anSaIdNumberIsReadCheckedAndGivesTheBirthDate() {
        List<Field> fields = extractor.extract(
                read(91, "Identity Number: 850714 0123 080", "Surname: DLAMINI", "Names:", "THANDIWE NOMVULA"));
        assertThat(named(fields, Field.ID_NUMBER)).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo("8507140123080");
            assertThat(f.checked()).isTrue();
            assertThat(f.confidence()).isEqualTo(91);
        });
        assertThat(named(fields, Field.DATE_OF_BIRTH)).extracting(Field::value).containsExactly("1985-07-14");
        assertThat(named(fields, Field.SURNAME)).extracting(Field::value).containsExactly("DLAMINI");
        assertThat(named(fields, Field.FIRST_NAMES)).extracting(Field::value).containsExactly("THANDIWE NOMVULA");
    }

    @Test
    void anIdNumberWithAWrongCheckDigitIsKeptUncheckedWithLowConfidence() {
        List<Field> fields = extractor.extract(read(95, "ID No 8507140123081"));
        assertThat(named(fields, Field.ID_NUMBER)).singleElement().satisfies(f -> {
            assertThat(f.checked()).isFalse();
            assertThat(f.confidence()).isEqualTo(50);
        });
        assertThat(named(fields, Field.DATE_OF_BIRTH)).isEmpty();
    }

    @Test
    void theConfidenceOfAFieldIsThatOfItsWeakestWord() {
        OcrResult result = new OcrResult(
                OcrResult.OCR,
                List.of(new OcrResult.Line(
                        1,
                        List.of(
                                new OcrResult.Word("ID", 96),
                                new OcrResult.Word("850714", 88),
                                new OcrResult.Word("0123", 41),
                                new OcrResult.Word("080", 90)))),
                1);
        assertThat(named(extractor.extract(result), Field.ID_NUMBER))
                .singleElement()
                .extracting(Field::confidence)
                .isEqualTo(41.0);
    }

    @Test
    void aPassportsMachineReadableZoneIsReadWithItsCheckDigits() {
        // The specimen of ICAO 9303 part 4.
        List<Field> fields = extractor.extract(read(
                80, "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"));
        assertThat(named(fields, Field.PASSPORT_NUMBER)).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo("L898902C3");
            assertThat(f.checked()).isTrue();
            assertThat(f.confidence()).isGreaterThanOrEqualTo(95);
        });
        assertThat(named(fields, Field.SURNAME)).extracting(Field::value).contains("ERIKSSON");
        assertThat(named(fields, Field.FIRST_NAMES)).extracting(Field::value).contains("ANNA MARIA");
        assertThat(named(fields, Field.DATE_OF_BIRTH)).extracting(Field::value).contains("1974-08-12");
        assertThat(named(fields, Field.NATIONALITY)).extracting(Field::value).containsExactly("UTO");
    }

    @Test
    void anMrzWithAMisreadDigitIsNotTrusted() {
        List<Field> fields = extractor.extract(read(
                80, "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C46UTO7408122F1204159ZE184226B<<<<<10"));
        assertThat(named(fields, Field.PASSPORT_NUMBER)).singleElement().satisfies(f -> {
            assertThat(f.checked()).isFalse();
            assertThat(f.confidence()).isLessThanOrEqualTo(60);
        });
    }

    @Test
    void checkDigitsFollowIcao() {
        assertThat(Mrz.check("L898902C3", '6')).isTrue();
        assertThat(Mrz.check("740812", '2')).isTrue();
        assertThat(Mrz.check("120415", '9')).isTrue();
        assertThat(Mrz.check("740812", '3')).isFalse();
    }

    @Test
    void companyNumbersAndLabelledDatesAreRead() {
        List<Field> fields = extractor.extract(read(
                97,
                "Registration number: 2019 / 123456 / 07",
                "VAT registration number 4123456784",
                "Date of birth: 20 April 1988",
                "27 Voortrekker Road, Bellville 7530"));
        assertThat(named(fields, Field.ENTERPRISE_NUMBER))
                .extracting(Field::value)
                .containsExactly("2019/123456/07");
        assertThat(named(fields, Field.VAT_NUMBER)).extracting(Field::value).containsExactly("4123456784");
        assertThat(named(fields, Field.DATE_OF_BIRTH)).extracting(Field::value).containsExactly("1988-04-20");
        assertThat(named(fields, Field.POSTAL_CODE)).extracting(Field::value).contains("7530");
        assertThat(Extractor.date("1985/07/14")).isEqualTo(LocalDate.of(1985, 7, 14));
    }

    @Test
    void aZimbabweanIdNumberIsRead() {
        assertThat(named(extractor.extract(read(90, "National ID: 63-1842770 T 47")), Field.ID_NUMBER))
                .extracting(Field::value)
                .contains("631842770T47");
    }
}

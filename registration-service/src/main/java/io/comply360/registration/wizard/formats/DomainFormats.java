package io.comply360.registration.wizard.formats;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every format a wizard schema may name: ours, and the standard ones we use. */
public final class DomainFormats {

    /** Standard JSON Schema formats a wizard may use (asserted by the schema library itself). */
    public static final Set<String> STANDARD = Set.of("date", "email", "uuid");

    private static final Set<String> NAMES = Stream.concat(
                    all(Clock.systemUTC()).stream().map(DomainFormat::name), STANDARD.stream())
            .collect(Collectors.toUnmodifiableSet());

    private DomainFormats() {}

    /** Our formats; the clock decides what "the future" is (birth dates, registration years). */
    public static List<DomainFormat> all(Clock clock) {
        return List.of(
                new ZaIdNumber(clock),
                new ZaIncomeTaxNumber(),
                new ZaVatNumber(),
                new CipcEnterpriseNumber(clock),
                new CompanyName(),
                PatternFormat.e164Phone(),
                new ZwNationalId(),
                PatternFormat.passportNumber(),
                new IsoCountry(),
                PatternFormat.zaPostalCode(),
                new MonthDayFormat());
    }

    /** The names of all formats a definition may use. */
    public static Set<String> names() {
        return NAMES;
    }
}

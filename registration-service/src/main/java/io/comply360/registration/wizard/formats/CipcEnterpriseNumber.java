package io.comply360.registration.wizard.formats;

import java.time.Clock;
import java.time.Year;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CIPC enterprise (registration) number {@code YYYY/NNNNNN/NN}: year of registration, sequence, entity type code;
 * close corporations are often written with a {@code CK} prefix. Type codes we have seen on real entities are
 * accepted silently, the ones we could not confirm are accepted too, any other code is only a warning.
 */
public final class CipcEnterpriseNumber implements DomainFormat {

    private static final Pattern SHAPE = Pattern.compile("(CK)?(\\d{4})/(\\d{6})/(\\d{2})");
    // 07 private, 06 public, 23 close corporation, 30 state-owned: seen on real entities.
    private static final Set<String> SEEN = Set.of("06", "07", "23", "30");
    // 08 NPC, 21 personal liability (Inc.), 10 external company: reported, not confirmed.
    private static final Set<String> UNCONFIRMED = Set.of("08", "10", "21");
    private static final int FIRST_YEAR = 1800;

    /** The parts of a well-formed enterprise number. */
    public record Parts(boolean ckPrefix, int year, String sequence, String typeCode) {}

    private final Clock clock;

    public CipcEnterpriseNumber(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "cipc-enterprise-number";
    }

    /** The parts, when the value has the shape {@code [CK]YYYY/NNNNNN/NN} (whatever the year and code). */
    public static Optional<Parts> parse(String value) {
        Matcher matcher = SHAPE.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(
                matcher.group(1) != null, Integer.parseInt(matcher.group(2)), matcher.group(3), matcher.group(4)));
    }

    @Override
    public FormatCheck check(String value) {
        Optional<Parts> parsed = parse(value);
        if (parsed.isEmpty()) {
            return FormatCheck.error(
                    "must be a CIPC registration number like 2015/123456/07 (CK1998/012345/23 for a close corporation)");
        }
        Parts parts = parsed.get();
        int currentYear = Year.now(clock).getValue();
        if (parts.year() < FIRST_YEAR || parts.year() > currentYear) {
            return FormatCheck.error("must be a valid CIPC registration number: the year must be from " + FIRST_YEAR
                    + " to " + currentYear);
        }
        if (!SEEN.contains(parts.typeCode()) && !UNCONFIRMED.contains(parts.typeCode())) {
            return FormatCheck.warning("unusual entity type code " + parts.typeCode() + "; check the number");
        }
        return FormatCheck.ok();
    }
}

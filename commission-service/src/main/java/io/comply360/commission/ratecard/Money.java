package io.comply360.commission.ratecard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money: {@link BigDecimal} in two places, rounded half to even (banker's rounding) whenever it is computed. */
public final class Money {

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Money() {}

    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** {@code percent} % of {@code amount}, to the cent. */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return cents(amount.multiply(percent).divide(HUNDRED));
    }

    /** The plain string events and CSV carry ("1250.00"). */
    public static String text(BigDecimal amount) {
        return cents(amount).toPlainString();
    }

    /** The currency of a country's filings: the agency is paid in it and pays its agents in it. */
    public static String currencyOf(String country) {
        return switch (country) {
            case "ZA" -> "ZAR";
            case "ZW" -> "USD";
            default -> throw new IllegalArgumentException("No currency known for " + country);
        };
    }
}

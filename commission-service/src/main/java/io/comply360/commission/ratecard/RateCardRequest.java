package io.comply360.commission.ratecard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new rate card version. Amounts in the filing country's currency with at most two decimals; percentages of the
 * professional fee with at most four. Which fields a rule needs depends on its kind (checked by the service).
 */
public record RateCardRequest(
        @NotNull(message = "is required") LocalDate effectiveFrom,
        @NotNull(message = "is required") Boolean vatRegistered,

        @Size(max = 500, message = "must be at most 500 characters")
        String note,

        @NotEmpty(message = "needs at least one line") @Size(max = 100, message = "must have at most 100 lines")
        List<@Valid @NotNull(message = "is required") Line> lines) {

    public record Line(
            @NotNull(message = "is required")
            @Size(max = 2, message = "must be a country code")
            @Pattern(regexp = "ZA|ZW", message = "must be ZA or ZW")
            String country,

            @NotNull(message = "is required")
            @Size(max = 64, message = "must be at most 64 characters")
            @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a filing type such as private-company")
            String type,

            @NotNull(message = "is required")
            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "10000000", message = "must be at most 10000000")
            @Digits(integer = 8, fraction = 2, message = "must have at most two decimals")
            BigDecimal professionalFee,

            @NotNull(message = "is required") @Valid Rule agentRule) {}

    public record Rule(
            @NotNull(message = "is required") AgentRule.Kind kind,

            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "10000000", message = "must be at most 10000000")
            @Digits(integer = 8, fraction = 2, message = "must have at most two decimals")
            BigDecimal amount,

            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "100", message = "must be at most 100")
            @Digits(integer = 3, fraction = 4, message = "must have at most four decimals")
            BigDecimal percent,

            @Size(max = 20, message = "must have at most 20 tiers")
            List<@Valid @NotNull(message = "is required") Tier> tiers) {}

    public record Tier(
            @Min(value = 1, message = "must be at least 1") @Max(value = 100000, message = "must be at most 100000")
            int from,

            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "10000000", message = "must be at most 10000000")
            @Digits(integer = 8, fraction = 2, message = "must have at most two decimals")
            BigDecimal amount,

            @DecimalMin(value = "0", message = "must not be negative")
            @DecimalMax(value = "100", message = "must be at most 100")
            @Digits(integer = 3, fraction = 4, message = "must have at most four decimals")
            BigDecimal percent) {}
}

package io.comply360.commission.ratecard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.Nullable;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Reference data: registries' fees per filing type and VAT rates, effective-dated
 * ({@code reference/registry-fees.json}). Read once; a change ships with the service.
 */
@ApplicationScoped
public class RegistryFees {

    /** A fee that applies to a filing: passed through to the client at cost. */
    @RegisterForReflection
    public record Disbursement(String code, String description, BigDecimal amount) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fee(
            String country,
            String type,
            String code,
            String description,
            BigDecimal amount,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable When when) {

        boolean effectiveOn(LocalDate day) {
            return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
        }
    }

    @RegisterForReflection
    record When(String path, @JsonProperty("equals") String value) {}

    @RegisterForReflection
    record Vat(
            String country,
            BigDecimal rate,
            @Nullable LocalDate from,
            @Nullable LocalDate to) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reference(List<Fee> fees, List<Vat> vat) {}

    private final Reference reference;

    public RegistryFees(ObjectMapper json) {
        try (InputStream in = RegistryFees.class.getResourceAsStream("/reference/registry-fees.json")) {
            this.reference = json.readValue(in, Reference.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reference/registry-fees.json cannot be read", e);
        }
    }

    /** Whether a filing type's fees depend on its data (then {@link #fees} needs a lookup into it). */
    public boolean dependOnData(String country, String type) {
        return reference.fees().stream()
                .anyMatch(f -> f.country().equals(country) && f.type().equals(type) && f.when() != null);
    }

    /**
     * The fees of a filing of {@code country}/{@code type} registered on {@code day}; {@code data} answers a dotted
     * path into the filing's data (null when absent) for fees that depend on it.
     */
    public List<Disbursement> fees(String country, String type, LocalDate day, Function<String, String> data) {
        return reference.fees().stream()
                .filter(f -> f.country().equals(country) && f.type().equals(type) && f.effectiveOn(day))
                .filter(f -> f.when() == null
                        || f.when().value().equals(data.apply(f.when().path())))
                .map(f -> new Disbursement(f.code(), f.description(), Money.cents(f.amount())))
                .toList();
    }

    /** The VAT rate (percent) in {@code country} on {@code day}, if VAT is known there. */
    public Optional<BigDecimal> vatRate(String country, LocalDate day) {
        return reference.vat().stream()
                .filter(v -> v.country().equals(country)
                        && (v.from() == null || !day.isBefore(v.from()))
                        && (v.to() == null || !day.isAfter(v.to())))
                .map(Vat::rate)
                .findFirst();
    }
}

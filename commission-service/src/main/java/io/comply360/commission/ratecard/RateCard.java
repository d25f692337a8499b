package io.comply360.commission.ratecard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A version of a tenant's rate card: its terms per filing type, in effect from a day on; never changed once saved. */
@Entity
@Table(name = "rate_cards")
public class RateCard {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    public int version;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    @Column(name = "vat_registered")
    public boolean vatRegistered;

    public String note;

    @JdbcTypeCode(SqlTypes.JSON)
    public Lines lines;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The lines as one JSON object (the column holds an object). */
    @RegisterForReflection
    public record Lines(List<RateLine> items) {}

    public Optional<RateLine> line(String country, String type) {
        return lines.items().stream()
                .filter(l -> l.country().equals(country) && l.type().equals(type))
                .findFirst();
    }
}

package io.comply360.notification.preference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A person's global choices: everything off, SMS quiet hours, and the daily digest (tenant admins). */
@Entity
@Table(name = "user_settings")
@IdClass(UserKey.class)
public class UserSettings {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Id
    @Column(name = "user_id")
    public String userId;

    /** The row's own id: what the digest scan hands out. */
    public UUID id;

    @Column(name = "opted_out")
    public boolean optedOut;

    @Column(name = "quiet_start")
    public LocalTime quietStart;

    @Column(name = "quiet_end")
    public LocalTime quietEnd;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "digest_enabled")
    public boolean digestEnabled;

    @Column(name = "digest_at")
    public LocalTime digestAt;

    /** When the digest is due next; while one is being sent, the end of its claim's lease. */
    @Column(name = "next_digest_at")
    public Instant nextDigestAt;

    /** The day of the digest being sent (claimed, not yet planned); null otherwise. */
    @Column(name = "digest_day")
    public LocalDate digestDay;

    @Column(name = "updated_at")
    public Instant updatedAt;
}

package io.comply360.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message to one recipient on one channel, and where its delivery stands: the delivery log. */
@Entity
@Table(name = "messages")
public class Message {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    public String workflow;

    public String channel;

    /** The subscriber key: {@code tenantId:userId} or {@code tenantId:client:<id>}. */
    public String recipient;

    /** The e-mail address or phone number it goes to (null in-app). */
    public String address;

    public String locale;

    public boolean critical;

    @Column(name = "template_source")
    public String templateSource;

    @Column(name = "template_version")
    public int templateVersion;

    public String subject;

    public String body;

    public String html;

    public String status;

    public int attempts;

    /** Attempts made before the current round (a replay of the message's dead letter starts a new one). */
    @Column(name = "round_start")
    public int roundStart;

    public String provider;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}

package io.comply360.notification.inapp;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An in-app notification of one person, in their inbox until they read it. */
@Entity
@Table(name = "notifications")
public class Notification {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(name = "audience_user")
    public String audienceUser;

    /** The event type that caused it, e.g. {@code registration.approved}. */
    public String kind;

    public String workflow;

    public String title;

    public String body;

    /** The portal page it is about, or null. */
    public String link;

    @Column(name = "subject_id")
    public String subjectId;

    @Column(name = "source_event_id")
    public String sourceEventId;

    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;
}

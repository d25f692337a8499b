package io.comply360.notification.delivery;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One attempt to hand a message to a provider: committed as {@code sending} before the call, then its outcome. */
@Entity
@Table(name = "message_attempts")
@IdClass(MessageAttempt.Key.class)
public class MessageAttempt {

    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Id
    public int attempt;

    @Column(name = "tenant_id")
    public UUID tenantId;

    public String provider;

    /** sending, sent, failed, refused (the address: not retried) or unknown (the process stopped during the call). */
    public String status;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    public String error;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static class Key implements Serializable {
        public UUID messageId;
        public int attempt;

        public Key() {}

        public Key(UUID messageId, int attempt) {
            this.messageId = messageId;
            this.attempt = attempt;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(messageId, key.messageId) && attempt == key.attempt;
        }

        @Override
        public int hashCode() {
            return Objects.hash(messageId, attempt);
        }
    }
}

package io.comply360.tenant.users;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One change to an agency's people, journalled before Keycloak is asked (see {@code V6__people_changes.sql}). */
@Entity
@Table(name = "people_changes")
public class PeopleChange {

    public enum Kind {
        invite,
        roles,
        deactivate,
        reactivate
    }

    public enum State {
        pending,
        done,
        failed
    }

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public UUID tenantId;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    @Column(name = "user_id")
    public String userId;

    public String email;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String[] roles;

    @Column(name = "previous_roles")
    public String[] previousRoles;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "idem_key")
    public String idempotencyKey;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    @Column(name = "account_requested_at")
    public Instant accountRequestedAt;

    @Column(name = "mail_sent_at")
    public Instant mailSentAt;

    public String failure;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "settled_at")
    public Instant settledAt;

    /** Settles the change: the outcome stays, the personal data of an invite goes. */
    void settle(State outcome, String reason) {
        state = outcome;
        failure = reason;
        settledAt = Instant.now();
        email = null;
        firstName = null;
        lastName = null;
    }
}

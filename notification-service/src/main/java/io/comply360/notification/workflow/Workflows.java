package io.comply360.notification.workflow;

import static io.comply360.notification.workflow.Audience.AGENT;
import static io.comply360.notification.workflow.Audience.ASSIGNEE;
import static io.comply360.notification.workflow.Audience.CLIENT;
import static io.comply360.notification.workflow.Audience.REQUESTED;
import static io.comply360.notification.workflow.Audience.SUBJECT_USER;
import static io.comply360.notification.workflow.Audience.TENANT_ADMINS;
import static io.comply360.notification.workflow.Channel.EMAIL;
import static io.comply360.notification.workflow.Channel.IN_APP;
import static io.comply360.notification.workflow.Channel.SMS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.comply360.notification.workflow.Workflow.Rule;

/**
 * The catalogue: one workflow per event type notification-service acts on (docs/architecture.md, "Telling people"
 * has the table). Critical: invitations, rejections, SLA breaches to the admins and Odoo syncs that stopped.
 */
public final class Workflows {

    public static final String DIGEST = "digest";

    private static final Map<String, Workflow> ALL = new LinkedHashMap<>();

    static {
        // In-app only: the first admin gets Keycloak's set-password mail at the same moment.
        add("tenant.provisioned", "the agency is ready", rule(TENANT_ADMINS, Set.of(IN_APP)));
        add("tenant.user_invited", "a person was invited into the agency", critical(SUBJECT_USER, Set.of(EMAIL)));
        add(
                "registration.submitted",
                "a filing waits for review",
                rule(TENANT_ADMINS, Set.of(IN_APP, EMAIL)),
                rule(ASSIGNEE, Set.of(IN_APP, EMAIL)));
        add("registration.assigned", "a case was given to someone", rule(ASSIGNEE, Set.of(IN_APP, EMAIL)));
        add("registration.changes_requested", "a reviewer sent a filing back", rule(AGENT, Set.of(IN_APP, EMAIL, SMS)));
        add("registration.approved", "a filing was approved", rule(AGENT, Set.of(IN_APP, EMAIL)));
        add(
                "registration.rejected",
                "a filing was rejected",
                critical(AGENT, Set.of(IN_APP, EMAIL, SMS)),
                critical(CLIENT, Set.of(EMAIL)));
        add(
                "registration.filed",
                "a filing was lodged with the registry",
                rule(AGENT, Set.of(IN_APP)),
                rule(CLIENT, Set.of(EMAIL)));
        add(
                "registration.registered",
                "the registry registered the company",
                rule(AGENT, Set.of(IN_APP, EMAIL)),
                rule(CLIENT, Set.of(EMAIL, SMS)));
        add(
                "registration.sla_breached",
                "a filing stayed in a state past its due time",
                critical(TENANT_ADMINS, Set.of(IN_APP, EMAIL, SMS)),
                rule(ASSIGNEE, Set.of(IN_APP, EMAIL)));
        add("document.rejected", "a document cannot be used", rule(AGENT, Set.of(IN_APP, EMAIL)));
        add(
                "document.needs_review",
                "a document needs a person to look at it",
                rule(TENANT_ADMINS, Set.of(IN_APP)),
                rule(ASSIGNEE, Set.of(IN_APP)));
        add("commission.approved", "a commission was approved", rule(AGENT, Set.of(IN_APP, EMAIL)));
        add("commission.paid", "a settlement was paid", rule(AGENT, Set.of(IN_APP, EMAIL, SMS)));
        add(
                "commission.sync_failed",
                "a sync with the agency's Odoo stopped",
                critical(TENANT_ADMINS, Set.of(IN_APP, EMAIL)));
        add(
                "notification.requested",
                "a message another service asked for",
                rule(REQUESTED, Set.of(IN_APP, EMAIL, SMS)));
        add(DIGEST, "the daily digest for tenant admins", rule(SUBJECT_USER, Set.of(EMAIL, IN_APP)));
    }

    private Workflows() {}

    public static Optional<Workflow> of(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static List<Workflow> all() {
        return List.copyOf(ALL.values());
    }

    private static void add(String name, String description, Rule... rules) {
        ALL.put(name, new Workflow(name, description, List.of(rules)));
    }

    private static Rule rule(Audience audience, Set<Channel> channels) {
        return new Rule(audience, channels, false);
    }

    private static Rule critical(Audience audience, Set<Channel> channels) {
        return new Rule(audience, channels, true);
    }
}

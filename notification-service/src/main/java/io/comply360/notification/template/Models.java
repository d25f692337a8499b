package io.comply360.notification.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.comply360.notification.recipient.Agency;
import io.comply360.notification.recipient.Recipient;
import io.comply360.notification.workflow.Trigger;

/** Builds the view model of one message, and the sample one templates are checked and previewed with. */
public final class Models {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Where an e-mail's inline logo is: the message carries the image as a part with this content id. */
    public static final String LOGO_CID = "agency-logo";

    private Models() {}

    public static ViewModel of(Agency agency, Recipient recipient, Trigger trigger, String locale) {
        ViewModel model = agency(agency);
        model.set("recipient", "name", recipient.name());
        model.set("recipient", "locale", locale);
        model.set("recipient", "client", recipient.isClient() ? "true" : "");
        // Clients cannot sign in to the portal: their messages carry no link.
        model.set("link", recipient.isClient() || trigger.link() == null ? "" : agency.portal() + trigger.link());
        trigger.facts().forEach((name, value) -> {
            int dot = name.indexOf('.');
            model.set(name.substring(0, dot), name.substring(dot + 1), text(value, agency.zone()));
        });
        return model;
    }

    /** Sample values for every name, with the agency's own branding. */
    public static ViewModel sample(Agency agency, String locale) {
        ViewModel model = agency(agency);
        model.set("recipient", "name", "Thandi Mokoena");
        model.set("recipient", "locale", locale);
        model.set("link", agency.portal() + "/registrations/00000000-0000-4000-8000-000000000001");
        model.set("filing", "reference", "REG-2026-000123");
        model.set("filing", "type", "private company");
        model.set("filing", "country", "ZA");
        model.set("filing", "status", "submitted");
        model.set("filing", "company", "Karoo Ridge Consulting (Pty) Ltd");
        model.set("filing", "enterpriseNumber", "2026/123456/07");
        model.set("document", "type", "id document");
        model.set("document", "reason", "the ID number on the page differs from the director's");
        model.set("commission", "amount", "450.00");
        model.set("commission", "currency", "ZAR");
        model.set("commission", "reference", "REG-2026-000123");
        model.set("settlement", "total", "2250.00");
        model.set("settlement", "currency", "ZAR");
        model.set("settlement", "periodEnd", "2026-11-30");
        model.set("settlement", "count", "5");
        model.set("sla", "status", "in review");
        model.set("sla", "enteredAt", "2026-12-01 09:00");
        model.set("sla", "dueAt", "2026-12-02 17:00");
        model.set("odoo", "entity", "bill");
        model.set("odoo", "reason", "The partner's bank account is missing");
        model.set("request", "title", "Documents due");
        model.set("request", "message", "Please upload the directors' ID copies by Friday.");
        model.set("digest", "date", "2026-12-04");
        model.set("digest", "hours", "24");
        model.set("digest", "waiting", "3");
        model.set("digest", "warnings", "1");
        model.set("digest", "breached", "1");
        model.set(
                "digest",
                "items",
                List.of(
                        item("REG-2026-000123", "submitted", "2026-12-04 17:00", "waiting"),
                        item("REG-2026-000124", "in review", "2026-12-03 12:00", "breached")));
        return model;
    }

    /** One line of a digest: what it is, its state, when it is due, and which list it is in. */
    public static Map<String, Object> item(String reference, String status, String dueAt, String kind) {
        return Map.of("reference", reference, "status", status, "dueAt", dueAt == null ? "" : dueAt, "kind", kind);
    }

    public static String when(Instant instant, ZoneId zone) {
        return instant == null ? "" : WHEN.format(instant.atZone(zone));
    }

    private static ViewModel agency(Agency agency) {
        ViewModel model = new ViewModel();
        model.set("agency", "name", agency.name());
        model.set("agency", "colour", agency.colour());
        model.set("agency", "logo", agency.logoVersion() == null ? "" : "cid:" + LOGO_CID);
        model.set("agency", "portal", agency.portal());
        return model;
    }

    private static Object text(Object value, ZoneId zone) {
        if (value instanceof Instant instant) {
            return when(instant, zone);
        }
        return value;
    }
}

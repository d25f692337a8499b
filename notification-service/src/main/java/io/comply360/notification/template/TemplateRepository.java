package io.comply360.notification.template;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Template versions of the transaction's tenant (row level security). */
@ApplicationScoped
public class TemplateRepository implements PanacheRepositoryBase<TemplateVersion, UUID> {

    private static final String KEY = "workflow = :workflow and channel = :channel and locale = :locale";

    /** The newest version of a template, or null when the tenant never changed it. */
    public Uni<TemplateVersion> latest(String workflow, String channel, String locale) {
        return find(KEY, Sort.descending("version"), key(workflow, channel, locale))
                .firstResult();
    }

    public Uni<List<TemplateVersion>> versions(String workflow, String channel, String locale) {
        return find(KEY, Sort.descending("version"), key(workflow, channel, locale))
                .range(0, 99)
                .list();
    }

    /** The newest version of every template the tenant changed. */
    public Uni<List<TemplateVersion>> allLatest() {
        return find("from TemplateVersion v where v.version = (select max(t.version) from TemplateVersion t"
                        + " where t.workflow = v.workflow and t.channel = v.channel and t.locale = v.locale)")
                .list();
    }

    private static Parameters key(String workflow, String channel, String locale) {
        return Parameters.with("workflow", workflow).and("channel", channel).and("locale", locale);
    }
}

package io.comply360.platform.messaging.internal;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.broker.CloudEvent;
import io.comply360.platform.broker.internal.TransactionalDelivery;
import io.comply360.platform.data.TenantTransactions;
import io.smallrye.mutiny.Uni;

/**
 * The delivery of transactional handlers in a service with a database: the event id is claimed in the inbox and
 * the handler's effect applied in one transaction of the event's tenant (none for platform-wide events), so the
 * effect happens once however often the event arrives. A duplicate is skipped.
 */
@ApplicationScoped
public class InboxDelivery implements TransactionalDelivery {

    private final TenantTransactions tx;
    private final Inbox inbox;

    public InboxDelivery(TenantTransactions tx, Inbox inbox) {
        this.tx = tx;
        this.inbox = inbox;
    }

    @Override
    public Uni<Boolean> apply(String consumer, CloudEvent event, UUID tenant, Supplier<Uni<Void>> effect) {
        Supplier<Uni<Boolean>> once = () -> inbox.claim(consumer, event.id(), tenant)
                .call(isNew -> isNew ? effect.get() : Uni.createFrom().voidItem());
        return tenant == null ? tx.withoutTenant(once) : tx.inTenant(tenant, once);
    }
}

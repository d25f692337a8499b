package io.comply360.commission.odoo;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Bindings of the transaction's tenant. */
@ApplicationScoped
public class BindingRepository implements PanacheRepositoryBase<Binding, Binding.Key> {

    /** The Odoo id bound to a local thing, or null. */
    public Uni<Integer> odooId(UUID tenantId, SyncEntity entity, String localId) {
        return findById(new Binding.Key(tenantId, entity.code, localId)).map(b -> b == null ? null : b.odooId);
    }

    public Uni<Void> bind(UUID tenantId, SyncEntity entity, String localId, String model, int odooId, Instant at) {
        return findById(new Binding.Key(tenantId, entity.code, localId)).chain(b -> {
            if (b != null) {
                b.odooModel = model;
                b.odooId = odooId;
                b.syncedAt = at;
                return Uni.createFrom().voidItem();
            }
            Binding fresh = new Binding();
            fresh.tenantId = tenantId;
            fresh.entity = entity.code;
            fresh.localId = localId;
            fresh.odooModel = model;
            fresh.odooId = odooId;
            fresh.syncedAt = at;
            return persist(fresh).replaceWithVoid();
        });
    }
}

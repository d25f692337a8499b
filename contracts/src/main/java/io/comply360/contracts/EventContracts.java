package io.comply360.contracts;

import java.util.List;
import java.util.stream.Stream;

import io.comply360.contracts.commission.CommissionEvents;
import io.comply360.contracts.document.DocumentEvents;
import io.comply360.contracts.notification.NotificationEvents;
import io.comply360.contracts.registration.RegistrationEvents;
import io.comply360.contracts.tenant.TenantEvents;
import io.comply360.platform.broker.EventContract;

/** Every event contract of every exchange: a new exchange's contracts class adds its list here. */
public final class EventContracts {

    public static final List<EventContract<?>> ALL = Stream.of(
                    TenantEvents.ALL,
                    RegistrationEvents.ALL,
                    DocumentEvents.ALL,
                    CommissionEvents.ALL,
                    NotificationEvents.ALL)
            .flatMap(List::stream)
            .toList();

    private EventContracts() {}
}

package io.comply360.registration.client;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection // sent inside a Page through an untyped Response
public record ClientView(
        UUID id,
        Client.Kind kind,
        String name,
        String registrationNumber,
        String email,
        String phone,
        String locale,
        boolean archived,
        Instant archivedAt,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt) {

    public static ClientView of(Client client) {
        return new ClientView(
                client.id,
                client.kind,
                client.name,
                client.registrationNumber,
                client.email,
                client.phone,
                client.locale,
                client.archived(),
                client.archivedAt,
                client.version,
                client.createdAt,
                client.createdBy,
                client.updatedAt);
    }
}

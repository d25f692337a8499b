package io.comply360.document.filing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** registration-service's internal API, called with this service's own service account. */
@RegisterRestClient(configKey = "registration-service")
@OidcClientFilter
@Path("/internal/registrations")
public interface RegistrationServiceApi {

    @GET
    @Path("/{id}/filing-data")
    Uni<FilingData> filingData(@PathParam("id") UUID id, @QueryParam("tenantId") UUID tenantId);

    /**
     * A filing as documents are checked against it: its data at {@code dataVersion}, the names to look for, and its
     * checklist's slots. Other fields of the answer are ignored.
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FilingData(
            UUID registrationId,
            String reference,
            String country,
            String type,
            String status,
            String companyName,
            String enterpriseNumber,
            long dataVersion,
            Map<String, Long> stepVersions,
            JsonNode data,
            List<Slot> slots) {

        /** Whether the filing has ended (documents can no longer change anything). */
        public boolean closed() {
            return List.of("REJECTED", "REGISTERED", "CANCELLED").contains(status);
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Slot(String documentType, UUID personId, String personName) {}
}

package io.comply360.clients.registration;

import java.time.Instant;
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

/** registration-service's internal API, called with the calling service's own service account. */
@RegisterRestClient(configKey = "registration-service")
@OidcClientFilter
@Path("/internal/registrations")
public interface RegistrationServiceApi {

    @GET
    @Path("/{id}/filing-data")
    Uni<FilingData> filingData(@PathParam("id") UUID id, @QueryParam("tenantId") UUID tenantId);

    /** What a tenant admin's daily digest lists: filings waiting for review, SLAs about to pass and passed. */
    @GET
    @Path("/digest")
    Uni<Digest> digest(@QueryParam("tenantId") UUID tenantId, @QueryParam("warnWithinHours") int warnWithinHours);

    /**
     * A filing as other services read it: its data at {@code dataVersion} (documents are checked against it, fees
     * depend on it), its company name, and its checklist's slots.
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
            UUID clientId,
            String agentId,
            String assigneeId,
            long dataVersion,
            Map<String, Long> stepVersions,
            JsonNode data,
            List<Slot> slots) {

        /** Whether the filing has ended (documents can no longer change anything). */
        public boolean closed() {
            return List.of("REJECTED", "REGISTERED", "CANCELLED").contains(status);
        }

        /** The scalar at a dotted path of the data ({@code company.moi}) as text, or null. */
        public String at(String path) {
            JsonNode node = data;
            for (String part : path.split("\\.")) {
                if (node == null) {
                    return null;
                }
                node = node.get(part);
            }
            return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
        }
    }

    /** A document the filing's checklist asks for, of one person (null for the company's own). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Slot(String documentType, UUID personId, String personName) {}

    /** A tenant's filings needing attention; each list holds its first items, {@code count} all of them. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Digest(UUID tenantId, Instant generatedAt, Part waitingForReview, Part slaWarnings, Part slaBreached) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(long count, List<DigestItem> items) {}

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DigestItem(
            UUID registrationId,
            String reference,
            String country,
            String type,
            String status,
            String agentId,
            String assigneeId,
            Instant enteredAt,
            Instant dueAt) {}
}

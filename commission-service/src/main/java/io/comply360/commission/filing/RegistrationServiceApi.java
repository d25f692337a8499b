package io.comply360.commission.filing;

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

    /** What fees depend on: the filing's data (e.g. {@code company.moi}) and its company name (for the Odoo lead). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FilingData(UUID registrationId, String reference, String companyName, JsonNode data) {

        /** The value at a dotted path of the data ({@code company.moi}), or null. */
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
}

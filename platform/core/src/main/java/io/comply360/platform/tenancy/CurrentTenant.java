package io.comply360.platform.tenancy;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import io.comply360.platform.error.ProblemException;

/**
 * The tenant and user of the request, taken only from the verified access token (claim {@code tenant_id}),
 * never from a header or the body. Platform admins carry no tenant: they act on a tenant only through
 * platform endpoints that name it.
 */
@RequestScoped
public class CurrentTenant {

    public static final String CLAIM = "tenant_id";
    public static final String MDC_TENANT_ID = "tenantId";

    private final JsonWebToken token;

    public CurrentTenant(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's tenant, if the token names one. */
    public Optional<UUID> id() {
        Object claim = token.getClaim(CLAIM);
        if (claim == null || claim.toString().isBlank()) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(claim.toString().replace("\"", ""));
            MDC.put(MDC_TENANT_ID, id.toString());
            return Optional.of(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("The token's tenant_id claim is not a tenant id");
        }
    }

    /** The caller's tenant; 403 for a caller without one (e.g. a platform admin on a tenant endpoint). */
    public UUID require() {
        return id().orElseThrow(() ->
                ProblemException.forbidden("This endpoint acts on the caller's tenant and the token names none"));
    }

    /** The caller's user id ({@code sub}); stable, not personal data. */
    public String userId() {
        return token.getSubject();
    }
}

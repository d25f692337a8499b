package io.comply360.registration.filing;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the filing endpoints. */
public final class RegistrationRequests {

    private RegistrationRequests() {}

    public record Start(
            @NotNull(message = "is required") UUID clientId,

            @NotNull(message = "is required")
            @Size(max = 2, message = "must be a country code like ZA")
            @Pattern(regexp = "[A-Z]{2}", message = "must be a country code like ZA")
            String country,

            @NotNull(message = "is required")
            @Size(max = 64, message = "must be at most 64 characters")
            @Pattern(regexp = "[a-z0-9-]+", message = "must be a filing type like private-company")
            String type) {}

    /** Why: required to request changes, reject or cancel. */
    public record Reason(
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
            String reason) {}

    /** Whom to give the case to; left out, the caller takes it. */
    public record Assign(
            @Size(max = 255, message = "must be at most 255 characters")
            String assigneeId) {}

    /** The registry's reference of the lodged filing (e.g. CIPC's customer or tracking number). */
    public record File(
            @NotBlank(message = "is required")
            @Size(max = 64, message = "must be at most 64 characters")
            @Pattern(regexp = "[A-Za-z0-9/ .-]+", message = "must be letters, digits, '/', '.', '-' or spaces")
            String registryReference) {}

    /**
     * The registry's outcome: the number it issued (the enterprise number of a company, the reference of a name
     * reservation, the VAT number), checked by the filing type's format; the certificate is a document of the filing.
     */
    public record Register(
            @NotBlank(message = "is required") @Size(max = 40, message = "must be at most 40 characters")
            String enterpriseNumber,

            UUID certificateDocumentId) {}
}

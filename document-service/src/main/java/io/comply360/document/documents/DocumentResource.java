package io.comply360.document.documents;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.tenancy.CurrentTenant;
import io.comply360.platform.tenancy.Roles;
import io.comply360.platform.validation.Text;
import io.comply360.platform.web.PageRequest;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    static final Pattern DOCUMENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final DocumentService documents;
    private final CurrentTenant tenant;
    private final SecurityIdentity identity;

    public DocumentResource(DocumentService documents, CurrentTenant tenant, SecurityIdentity identity) {
        this.documents = documents;
        this.tenant = tenant;
        this.identity = identity;
    }

    /** Upload through the API: the file is on local disk (never in memory) when this runs. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> upload(
            @RestForm("file") FileUpload file,
            @RestForm("registrationId") @Size(max = 64, message = "must be a UUID") String registrationId,
            @RestForm("documentType") @Size(max = 64, message = "must be at most 64 characters") String documentType,
            @RestForm("personId") @Size(max = 64, message = "must be a UUID") String personId) {
        List<FieldError> errors = new ArrayList<>();
        if (file == null || file.uploadedFile() == null) {
            errors.add(new FieldError("file", "is required (a multipart part named file)"));
        }
        DocumentService.Intake intake = intake(
                registrationId,
                documentType,
                personId,
                file == null ? null : file.fileName(),
                file == null ? null : file.contentType(),
                errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The upload is not valid", errors);
        }
        return documents
                .upload(actor(), intake, file.uploadedFile())
                .map(view -> Response.created(URI.create("/api/v1/documents/" + view.id()))
                        .entity(view)
                        .build());
    }

    @GET
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> list(
            @Valid @BeanParam PageRequest page,
            @QueryParam("registrationId") String registrationId,
            @QueryParam("status") String status) {
        List<FieldError> errors = new ArrayList<>();
        UUID registration = uuid("registrationId", registrationId, false, errors);
        DocumentStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = DocumentStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        "status", "must be one of " + java.util.Arrays.toString(DocumentStatus.values())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The filter is not valid", errors);
        }
        return documents
                .list(actor(), registration, wanted, page.limit, page.offset)
                .map(p -> p.toResponse());
    }

    /** A presigned upload for a large file. */
    @POST
    @Path("/uploads")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> startUpload(@Valid @NotNull(message = "is required") StartUpload body) {
        List<FieldError> errors = new ArrayList<>();
        DocumentService.Intake intake = intake(
                body.registrationId().toString(),
                body.documentType(),
                body.personId() == null ? null : body.personId().toString(),
                body.fileName(),
                body.contentType(),
                errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The upload is not valid", errors);
        }
        return documents
                .startUpload(actor(), intake, body.sizeBytes())
                .map(ticket -> Response.created(URI.create("/api/v1/documents/" + ticket.id()))
                        .entity(ticket)
                        .build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<DocumentView> get(@PathParam("id") UUID id) {
        return documents.get(actor(), id);
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> complete(@PathParam("id") UUID id) {
        return documents
                .complete(actor(), id)
                .map(view -> Response.status(Response.Status.CREATED)
                        .location(URI.create("/api/v1/documents/" + view.id()))
                        .entity(view)
                        .build());
    }

    @GET
    @Path("/{id}/text")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<Response> text(@PathParam("id") UUID id) {
        return documents
                .text(actor(), id)
                .map(text -> Response.ok(text, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                        .build());
    }

    @GET
    @Path("/{id}/download")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT, Roles.AGENT_ASSISTANT})
    public Uni<DocumentService.DownloadLink> download(@PathParam("id") UUID id) {
        return documents.download(actor(), id);
    }

    @POST
    @Path("/{id}/recheck")
    @RolesAllowed({Roles.TENANT_ADMIN, Roles.AGENT})
    public Uni<DocumentView> recheck(@PathParam("id") UUID id) {
        return documents.recheck(actor(), id);
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<DocumentView> approve(@PathParam("id") UUID id, @Valid Approve body) {
        return documents.approve(actor(), id, body == null ? null : body.note());
    }

    @POST
    @Path("/{id}/request-reupload")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TENANT_ADMIN)
    public Uni<DocumentView> requestReupload(
            @PathParam("id") UUID id, @Valid @NotNull(message = "is required") Reupload body) {
        return documents.requestReupload(actor(), id, body.reason());
    }

    private Actor actor() {
        return Actor.of(tenant, identity);
    }

    /** The slot and file fields, each checked, every problem named (multipart fields are plain strings). */
    static DocumentService.Intake intake(
            String registrationId,
            String documentType,
            String personId,
            String fileName,
            String declaredType,
            List<FieldError> errors) {
        UUID registration = uuid("registrationId", registrationId, true, errors);
        UUID person = uuid("personId", personId, false, errors);
        if (documentType == null || documentType.isBlank()) {
            errors.add(new FieldError("documentType", "is required"));
        } else if (!DOCUMENT_TYPE.matcher(documentType).matches()) {
            errors.add(new FieldError("documentType", "must be a document type such as id_copy (a-z, 0-9, _)"));
        }
        if (fileName != null && fileName.length() > 1000) {
            errors.add(new FieldError("file", "has a name longer than 1000 characters"));
        }
        String declared = declaredType == null ? "application/octet-stream" : declaredType;
        if (declared.length() > 255 || Text.problemOf(declared) != null) {
            declared = "application/octet-stream";
        }
        return new DocumentService.Intake(registration, documentType, person, fileName, declared);
    }

    private static UUID uuid(String field, String value, boolean required, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a UUID"));
            return null;
        }
    }

    /** A presigned upload's announcement: the slot, the file's name, type and exact size. */
    public record StartUpload(
            @NotNull(message = "is required") UUID registrationId,

            @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters")
            String documentType,

            UUID personId,

            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
            String fileName,

            @NotBlank(message = "is required")
            @Size(max = 255, message = "must be at most 255 characters")
            @jakarta.validation.constraints.Pattern(
                    regexp = "application/pdf|image/png|image/jpeg|image/tiff",
                    message = "must be application/pdf, image/png, image/jpeg or image/tiff")
            String contentType,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be at least 1")
            @Max(value = Long.MAX_VALUE, message = "is too large")
            Long sizeBytes) {}

    public record Approve(
            @Size(max = 1000, message = "must be at most 1000 characters")
            String note) {}

    public record Reupload(
            @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
            String reason) {}
}

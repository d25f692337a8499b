package io.comply360.platform.error.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.Problem;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemJson;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.web.internal.BoundedCollections;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves a service as {@code application/problem+json} with the status rules of
 * docs/architecture.md (Cross-cutting rules): 400 for what cannot be read (syntax, types, unknown fields), 422 for a broken rule, both
 * naming the offending fields; never a bare 500 with a stack trace.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.type(), e.getMessage(), e.errors(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        List<FieldError> missing = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                Log.errorf("A response broke its own constraints: %s", violation);
                return respond(ProblemType.INTERNAL_ERROR, null, List.of(), uri);
            }
            FieldError error = new FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage());
            (isMissingParameter(violation) ? missing : errors).add(error);
        }
        // No body (or no required parameter) at all is a request that cannot be read, not a broken rule.
        if (!missing.isEmpty()) {
            missing.sort((a, b) -> a.field().compareTo(b.field()));
            return respond(
                    ProblemType.MALFORMED_REQUEST, "The request body or a required parameter is missing", missing, uri);
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return respond(
                ProblemType.VALIDATION_FAILED,
                "The request breaks " + errors.size() + " rule(s)"
                        + (errors.size() > FieldErrors.MAX ? "; the first " + FieldErrors.MAX + " are listed" : ""),
                errors,
                uri);
    }

    /** A list or map with more entries than its field allows, refused while the body was read (before validation). */
    @ServerExceptionMapper
    public Response tooManyEntries(BoundedCollections.TooManyEntries e, UriInfo uri) {
        return respond(
                ProblemType.VALIDATION_FAILED,
                "The request breaks 1 rule(s)",
                List.of(new FieldError(jsonPath(e), e.rule())),
                uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(
                ProblemType.MALFORMED_REQUEST,
                "Unknown field",
                List.of(new FieldError(jsonPath(e), "is not a field of this request")),
                uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String path = jsonPath(e);
        if (path.isEmpty()) {
            return respond(
                    ProblemType.MALFORMED_REQUEST,
                    "The request body is missing or has the wrong shape",
                    List.of(),
                    uri);
        }
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return respond(
                ProblemType.MALFORMED_REQUEST,
                "A field has the wrong type",
                List.of(new FieldError(path, "must be " + expected)),
                uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        String reason = e.getOriginalMessage() == null
                ? ""
                : e.getOriginalMessage().lines().findFirst().orElse("");
        return respond(
                ProblemType.MALFORMED_REQUEST,
                "The request body is not valid JSON (line "
                        + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + "): "
                        + (reason.length() > 160 ? reason.substring(0, 160) + "…" : reason),
                List.of(),
                uri);
    }

    /** A body past the reader's limits (nesting depth, a number's or a name's length) where no record bounds it. */
    @ServerExceptionMapper
    public Response tooDeepOrLong(StreamConstraintsException e, UriInfo uri) {
        String reason =
                e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll(" \\(.*\\)$", "");
        return respond(
                ProblemType.MALFORMED_REQUEST,
                "The request body exceeds the reader's limits: " + reason,
                List.of(),
                uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        String path = jsonPath(e);
        return respond(
                ProblemType.MALFORMED_REQUEST,
                "The request body cannot be read",
                path.isEmpty() ? List.of() : List.of(new FieldError(path, "cannot be read")),
                uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "Your role does not allow this", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException problem) {
            // A parameter converter's answer (QueryParameterTypes), wrapped by JAX-RS in its own 404.
            return problem(problem, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.error("Request failed", e);
        }
        ProblemType type = ProblemType.forStatus(status);
        if (type == ProblemType.PAYLOAD_TOO_LARGE) {
            // Refused while the body was still being read (a form field over its limit, a body over the service's):
            // the rest of it is never read, so the connection is closed rather than left stuck for its next request.
            return Response.fromResponse(respond(
                            type,
                            "The body, or one of its form fields, is larger than this service accepts",
                            List.of(new FieldError("body", "is too large")),
                            uri))
                    .header("Connection", "close")
                    .build();
        }
        Response response = respond(type, type.status() == status ? null : e.getMessage(), List.of(), uri);
        if (type.status() != status) {
            return Response.fromResponse(response).status(status).build();
        }
        return response;
    }

    /**
     * A body that could not be read to its end: the client went away mid-upload, or a multipart body is cut short or
     * does not match its boundary. The client's fault (400), and its connection is closed.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, UriInfo uri) {
        Log.debugf("A request body could not be read: %s", e.toString());
        return Response.fromResponse(respond(
                        ProblemType.MALFORMED_REQUEST,
                        "The request body could not be read to its end (cut short, or not the multipart form it claims)",
                        List.of(new FieldError("body", "could not be read")),
                        uri))
                .header("Connection", "close")
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        Log.error("Request failed unexpectedly", e);
        return respond(
                ProblemType.INTERNAL_ERROR, "Something went wrong on our side; quote the request id", List.of(), uri);
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(
                        respond(ProblemType.UNAUTHENTICATED, "A valid bearer token is required", List.of(), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** Builds the problem response; used by the mappers and by filters that answer before a resource runs. */
    public static Response respond(ProblemType type, String detail, List<FieldError> errors, UriInfo uri) {
        String problem = ProblemJson.render(
                type, detail, errors, uri == null ? null : uri.getRequestUri().getRawPath());
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static boolean isMissingParameter(ConstraintViolation<?> violation) {
        Path.Node last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node;
        }
        return last != null && last.getKind() == ElementKind.PARAMETER && violation.getInvalidValue() == null;
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON path of a violation as the client wrote it: the method and the Java parameter holding the
     * body are dropped ({@code update.request.countries[1].<list element>} → {@code countries[1]}); a
     * violation on a query or path parameter is named after the parameter.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> {
                    continue;
                }
                case PARAMETER -> {
                    parameter = node.getName();
                    continue;
                }
                default -> {}
            }
            if (node.isInIterable() && (node.getIndex() != null || node.getKey() != null)) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? (parameter == null ? "body" : parameter) : field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(constant.toString());
            }
            return "one of " + names;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.getName().equals("java.util.UUID")) {
            return "a UUID";
        }
        return "an object";
    }
}

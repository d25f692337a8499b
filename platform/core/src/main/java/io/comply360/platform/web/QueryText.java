package io.comply360.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.error.internal.FieldErrors;
import io.comply360.platform.error.internal.ProblemMappers;
import io.comply360.platform.validation.Text;

/** Query parameters follow the same text rule as JSON bodies ({@link Text}): 422 naming the parameter. */
public class QueryText {

    @ServerRequestFilter(preMatching = true)
    public Response refuseUnstorableText(UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter :
                uri.getQueryParameters().entrySet()) {
            String problem = Text.problemOf(parameter.getKey());
            for (String value : parameter.getValue()) {
                problem = problem != null ? problem : Text.problemOf(value);
            }
            if (problem != null && errors.size() < FieldErrors.MAX) {
                errors.add(new FieldError(parameter.getKey(), problem));
            }
        }
        return errors.isEmpty()
                ? null
                : ProblemMappers.respond(
                        ProblemType.VALIDATION_FAILED,
                        "A query parameter carries text that cannot be stored",
                        errors,
                        uri);
    }
}

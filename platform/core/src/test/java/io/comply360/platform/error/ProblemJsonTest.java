package io.comply360.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.error.internal.FieldErrors;
import io.comply360.platform.web.RequestIds;

class ProblemJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void forgetRequestId() {
        MDC.remove(RequestIds.MDC_REQUEST_ID);
    }

    @Test
    void aProblemCarriesItsTypeTitleStatusDetailPathAndRequestId() throws Exception {
        MDC.put(RequestIds.MDC_REQUEST_ID, "req-problem-0001");
        JsonNode problem =
                JSON.readTree(ProblemJson.render(ProblemType.NOT_FOUND, "No such route", List.of(), "/api/v1/x"));
        assertThat(problem.path("type").asText()).isEqualTo("urn:comply360:problem:not-found");
        assertThat(problem.path("title").asText()).isEqualTo("Not found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).isEqualTo("No such route");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/x");
        assertThat(problem.path("requestId").asText()).isEqualTo("req-problem-0001");
    }

    @Test
    void whatIsNotKnownIsLeftOut() throws Exception {
        JsonNode problem = JSON.readTree(ProblemJson.render(ProblemType.INTERNAL_ERROR, null, List.of(), null));
        assertThat(problem.fieldNames()).toIterable().containsExactly("type", "title", "status");
    }

    @Test
    void aStatusWithoutItsOwnTypeIsAnsweredAsItIs() throws Exception {
        JsonNode problem = JSON.readTree(ProblemJson.render(ProblemType.forStatus(502), 502, null, List.of(), null));
        assertThat(problem.path("status").asInt()).isEqualTo(502);
        assertThat(problem.path("type").asText()).isEqualTo("urn:comply360:problem:internal-error");
    }

    @Test
    void fieldErrorsAreBoundedAndTheirNamesPrintable() throws Exception {
        List<FieldError> errors = IntStream.range(0, 50)
                .mapToObj(i -> new FieldError("f" + i + "\u0000", "is wrong"))
                .toList();
        JsonNode problem = JSON.readTree(
                ProblemJson.render(ProblemType.VALIDATION_FAILED, "The request breaks 50 rule(s)", errors, null));
        assertThat(problem.path("errors")).hasSize(FieldErrors.MAX);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("f0\\u0000");
    }
}

package io.comply360.platform.web.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.validation.Text;

/**
 * The first look at every JSON request body, before it is bound to a request record: at most
 * {@code comply360.http.max-json-body} bytes (413 otherwise), no key twice in one object (400: which of two values
 * would count is a guess), nesting at most {@value #MAX_DEPTH} levels deep, and every field name and string value
 * {@linkplain Text#problemOf storable text} (422 naming the fields). One linear pass over bytes already in memory,
 * so it costs about as much as reading the body and leaves every rule to validation that follows.
 */
@Provider
// Requests only: without it the REST clients would apply the request limits to what other systems answer.
@ConstrainedTo(RuntimeType.SERVER)
public class JsonInput implements ReaderInterceptor {

    /** Deeper documents are refused: request records are a few levels deep, recursion is not free. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory SCANNER = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    // Looked up on first use: RESTEasy creates providers during static init, before runtime configuration exists.
    private final Instance<WebConfig> config;

    public JsonInput(Instance<WebConfig> config) {
        this.config = config;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!isJson(context.getMediaType())) {
            return context.proceed();
        }
        byte[] body =
                readAtMost(context.getInputStream(), config.get().maxJsonBody().asLongValue());
        List<FieldError> errors = textProblems(body);
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "The request carries text that cannot be stored (" + errors.size() + " field(s))",
                    errors);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static boolean isJson(MediaType type) {
        return type != null
                && (MediaType.APPLICATION_JSON_TYPE.isCompatible(type)
                        || type.getSubtype().endsWith("+json"));
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > max) {
                throw new ProblemException(
                        ProblemType.PAYLOAD_TOO_LARGE, "A JSON body may be at most " + max / 1024 + " KB");
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Field names and strings that are not storable text, by JSON path (all of them, to count them: a body under
     * the size cap holds a bounded number; the problem shows the first few); a malformed document fails as it
     * would anyway.
     */
    private static List<FieldError> textProblems(byte[] body) throws IOException {
        List<FieldError> errors = new ArrayList<>();
        try (JsonParser parser = SCANNER.createParser(body)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.VALUE_STRING) {
                    continue;
                }
                String problem = Text.problemOf(parser.getText());
                if (problem != null) {
                    errors.add(new FieldError(
                            pathOf(parser.getParsingContext()),
                            token == JsonToken.FIELD_NAME ? "name " + problem : problem));
                }
            }
        }
        return errors;
    }

    /** {@code admin.firstName}, {@code countries[1]}: the path as the client wrote it. */
    private static String pathOf(JsonStreamContext context) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
            } else if (c.getCurrentName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(c.getCurrentName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}

package io.comply360.platform.web.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestQuery;

import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;

/**
 * Query parameters read as numbers, yes/no or ids: a value that is none of these is the client's mistake, answered
 * 400 naming the parameter ({@code ?limit=many}: "limit must be a whole number"). Left to JAX-RS, such a request is
 * answered 404, as if the resource did not exist. Path parameters keep that 404: {@code /things/not-an-id} is a thing
 * that does not exist. Yes/no is {@code true}/{@code 1} or {@code false}/{@code 0}, where JAX-RS reads anything else as false.
 */
@Provider
// Requests only: the REST clients write these parameters, they never read them.
@ConstrainedTo(RuntimeType.SERVER)
public class QueryParameterTypes implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameter(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>)
                    new Strict<>(name, "must be a whole number", Integer::valueOf, rawType == int.class ? 0 : null);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>)
                    new Strict<>(name, "must be a whole number", Long::valueOf, rawType == long.class ? 0L : null);
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) new Strict<>(
                    name, "must be true or false", QueryParameterTypes::yesNo, rawType == boolean.class ? false : null);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Strict<>(name, "must be an id (UUID)", QueryParameterTypes::uuid, null);
        }
        return null;
    }

    private static String queryParameter(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof RestQuery query) {
                return query.value().isEmpty() ? "query" : query.value();
            }
        }
        return null;
    }

    private static Boolean yesNo(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            // "0" also stands for a yes/no left out: JAX-RS fills an absent primitive parameter with it.
            case "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    /** {@link UUID#fromString} takes short groups ({@code 1-2-3-4-5}); an id is 36 characters. */
    private static UUID uuid(String value) {
        if (value.length() != 36) {
            throw new IllegalArgumentException(value);
        }
        return UUID.fromString(value);
    }

    /** {@code absent}: what a parameter given without a value ({@code ?unread}, {@code ?unread=}) stands for. */
    private record Strict<T>(String name, String expected, Function<String, T> parse, T absent)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null || value.isBlank()) {
                return absent;
            }
            try {
                return parse.apply(value.strip());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        ProblemType.MALFORMED_REQUEST,
                        "A query parameter has the wrong type",
                        List.of(new FieldError(name, expected)));
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}

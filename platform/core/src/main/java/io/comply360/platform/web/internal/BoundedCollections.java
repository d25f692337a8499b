package io.comply360.platform.web.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A list, map or array whose property carries {@code @Size(max = n)} is refused (422 naming it) as soon as it is
 * read with more than n entries, before Bean Validation looks at a single element. Validation cost then grows
 * with the bound a field declares, never with what a client sends: 20,000 invalid map keys used to cost
 * minutes of a CPU, because the violations Hibernate Validator collects for them grow quadratically.
 */
@Singleton
public class BoundedCollections implements ObjectMapperCustomizer {

    /**
     * More entries than the property's {@code @Size(max)} allows. A {@link MismatchedInputException}, because that
     * is what the JSON body reader hands on unchanged to the exception mappers (it wraps other Jackson errors).
     */
    public static class TooManyEntries extends MismatchedInputException {
        private final String rule;

        TooManyEntries(JsonParser parser, String rule, Class<?> type) {
            super(parser, rule, type);
            this.rule = rule;
        }

        /** What the field's bound says, e.g. "must have at most 6 entries". */
        public String rule() {
            return rule;
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("comply360-bounded-collections");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(
                    DeserializationConfig config,
                    CollectionType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new Bounded(deserializer, null);
            }

            @Override
            public JsonDeserializer<?> modifyMapDeserializer(
                    DeserializationConfig config,
                    MapType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new Bounded(deserializer, null);
            }

            @Override
            public JsonDeserializer<?> modifyArrayDeserializer(
                    DeserializationConfig config,
                    ArrayType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new Bounded(deserializer, null);
            }
        });
        mapper.registerModule(module);
    }

    /** The container's own deserializer, then its size checked against the property's bound, if it has one. */
    static final class Bounded extends DelegatingDeserializer {
        private final Size size;

        Bounded(JsonDeserializer<?> delegate, Size size) {
            super(delegate);
            this.size = size;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Bounded(delegate, size);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JavaType type = context.constructType(_delegatee.handledType());
            JsonDeserializer<?> delegate = context.handleSecondaryContextualization(_delegatee, property, type);
            Size bound = property == null ? null : property.getAnnotation(Size.class);
            return new Bounded(delegate, bound != null && bound.max() < Integer.MAX_VALUE ? bound : null);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (size != null && sizeOf(value) > size.max()) {
                throw new TooManyEntries(
                        parser,
                        size.message().startsWith("{")
                                ? "must have at most " + size.max() + " entries"
                                : size.message(),
                        handledType());
            }
            return value;
        }

        private static int sizeOf(Object value) {
            if (value instanceof Collection<?> collection) {
                return collection.size();
            }
            if (value instanceof Map<?, ?> map) {
                return map.size();
            }
            return value != null && value.getClass().isArray() ? Array.getLength(value) : 0;
        }
    }
}

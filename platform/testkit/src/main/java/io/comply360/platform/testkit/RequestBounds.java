package io.comply360.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

/**
 * The convention that keeps validation cheap: every string and every list, map or array a client can send in a
 * request body carries {@code @Size(max = …)} — element types of lists and maps too (the platform refuses an
 * oversized collection while reading it, before validating an entry). Run it from a plain unit test over a
 * service's package; it names each unbounded field.
 */
public final class RequestBounds {

    private static final Set<Class<? extends Annotation>> NOT_BODY = Set.of(
            PathParam.class,
            QueryParam.class,
            HeaderParam.class,
            BeanParam.class,
            CookieParam.class,
            FormParam.class,
            MatrixParam.class,
            Context.class);

    private RequestBounds() {}

    /** The unbounded fields of every request body of the JAX-RS resources under {@code basePackage}. */
    public static List<String> unbounded(String basePackage) {
        List<String> violations = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> type : classesUnder(basePackage)) {
            if (isRestClient(type)) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!isResourceMethod(method)) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (isBody(parameter)) {
                        check(
                                parameter.getAnnotatedType(),
                                parameter,
                                type.getSimpleName() + "." + method.getName() + "(body)",
                                violations,
                                seen);
                    }
                }
            }
        }
        return violations;
    }

    /** REST client interfaces describe what we send, not what we accept. */
    private static boolean isRestClient(Class<?> type) {
        for (Annotation annotation : type.getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals("RegisterRestClient")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBody(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (NOT_BODY.contains(annotation.annotationType())) {
                return false;
            }
        }
        Class<?> type = parameter.getType();
        // Raw bodies (uploads) are bounded by the HTTP body limit, not by fields.
        boolean raw = type == byte[].class || java.io.InputStream.class.isAssignableFrom(type);
        return !raw
                && !type.isPrimitive()
                && !type.getName().startsWith("io.vertx")
                && !type.getName().startsWith("jakarta.ws.rs");
    }

    private static void check(
            AnnotatedType annotated,
            AnnotatedElement declaration,
            String where,
            List<String> violations,
            Set<Class<?>> seen) {
        Class<?> raw = rawOf(annotated);
        boolean container = Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw.isArray();
        if ((raw == String.class || container) && !bounded(annotated, declaration)) {
            violations.add(where + " (" + raw.getSimpleName() + ") has no @Size(max = …)");
        }
        if (annotated instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                check(
                        arguments[i],
                        null,
                        where + (Map.class.isAssignableFrom(raw) ? (i == 0 ? "<key>" : "<value>") : "[]"),
                        violations,
                        seen);
            }
        } else if (annotated instanceof AnnotatedArrayType array) {
            check(array.getAnnotatedGenericComponentType(), null, where + "[]", violations, seen);
        }
        if (raw.isRecord() && seen.add(raw)) {
            for (RecordComponent component : raw.getRecordComponents()) {
                check(
                        component.getAnnotatedType(),
                        component,
                        raw.getSimpleName() + "." + component.getName(),
                        violations,
                        seen);
            }
        }
    }

    private static boolean bounded(AnnotatedType type, AnnotatedElement declaration) {
        Size size = type.getAnnotation(Size.class);
        if (size == null && declaration != null) {
            size = declaration.getAnnotation(Size.class);
        }
        return size != null && size.max() < Integer.MAX_VALUE;
    }

    private static Class<?> rawOf(AnnotatedType annotated) {
        java.lang.reflect.Type type = annotated.getType();
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof java.lang.reflect.GenericArrayType) {
            return Object[].class;
        }
        return Object.class;
    }

    private static List<Class<?>> classesUnder(String basePackage) {
        String folder = basePackage.replace('.', '/');
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Class<?>> classes = new ArrayList<>();
        try {
            for (URL root : java.util.Collections.list(loader.getResources(folder))) {
                if (!"file".equals(root.getProtocol())) {
                    continue;
                }
                Path base = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(base)) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String relative = base.relativize(file).toString().replace('/', '.');
                        String name = basePackage + "." + relative.substring(0, relative.length() - ".class".length());
                        classes.add(Class.forName(name, false, loader));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return classes;
    }
}

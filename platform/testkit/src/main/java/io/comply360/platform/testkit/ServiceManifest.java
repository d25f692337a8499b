package io.comply360.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * {@code services.json} at the repository root: the one place a service is registered (its port, database and
 * the queues it consumes), read by dev/up, dev/test, the e2e stack and the gateway. {@link #checkService} proves a
 * service agrees with its entry, so the manifest cannot drift from the code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceManifest(List<Entry> services) {

    public static final String FILE = "services.json";
    private static final String QUEUE_SPEC = "io.comply360.platform.broker.QueueSpec";

    /** One service; its management port is {@code port + 1000}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String name, String module, int port, String database, List<Queue> queues, boolean upstream) {

        public int managementPort() {
            return port + 1000;
        }
    }

    /** A queue the service consumes, bound to {@code exchange} with {@code bindings} (topic patterns). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Queue(String name, String exchange, List<String> bindings) {

        @Override
        public String toString() {
            return name + " <- " + exchange + " " + bindings;
        }
    }

    public static ServiceManifest read() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    FILE + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return new ObjectMapper().readValue(dir.resolve(FILE).toFile(), ServiceManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir.resolve(FILE), e);
        }
    }

    public Entry module(String module) {
        return services.stream()
                .filter(s -> s.module().equals(module))
                .findFirst()
                .orElseThrow(() -> new AssertionError(module + " is not in " + FILE
                        + ": register it there (docs/architecture.md, " + "\"Adding a service\")"));
    }

    /**
     * The service on this test's classpath (its {@code application.properties}) and the classes of
     * {@code servicePackage} agree with its entry: application name = module, HTTP and management ports, and
     * the queues it declares ({@code QueueSpec} constants) are exactly the entry's queues.
     */
    public static void checkService(String servicePackage) {
        // The service's own main configuration (tests run in the module's folder), never a test copy on the classpath.
        Path file = Path.of("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
        Entry entry = read().module(properties.getProperty("quarkus.application.name"));
        assertThat(properties.getProperty("quarkus.http.port"))
                .as("quarkus.http.port")
                .isEqualTo(Integer.toString(entry.port()));
        assertThat(properties.getProperty("quarkus.management.port"))
                .as("quarkus.management.port")
                .isEqualTo(Integer.toString(entry.managementPort()));
        assertThat(declaredQueues(servicePackage))
                .as("queues declared in %s (QueueSpec constants)", servicePackage)
                .containsExactlyInAnyOrderElementsOf(entry.queues());
    }

    private static List<Queue> declaredQueues(String servicePackage) {
        List<Queue> queues = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage)) {
            for (JavaField field : type.getFields()) {
                if (field.getRawType().getName().equals(QUEUE_SPEC)
                        && field.getModifiers().contains(JavaModifier.STATIC)) {
                    queues.add(queueOf(field.reflect()));
                }
            }
        }
        return queues;
    }

    /** The {@code QueueSpec} in a static field (read reflectively: the test kit does not depend on the broker). */
    @SuppressWarnings("unchecked")
    private static Queue queueOf(Field field) {
        try {
            field.setAccessible(true);
            Object spec = field.get(null);
            Class<?> type = spec.getClass();
            return new Queue(
                    (String) type.getMethod("name").invoke(spec),
                    (String) type.getMethod("exchange").invoke(spec),
                    (List<String>) type.getMethod("bindingKeys").invoke(spec));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + field, e);
        }
    }
}

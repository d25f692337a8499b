package io.comply360.registration.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.platform.error.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The filing types on offer. The definitions shipped with the service ({@code wizards/index.json}, read by {@link Definitions}) are loaded into
 * the global {@code wizard_definitions} table at start, then served from that table: a version that a later release
 * no longer ships keeps serving the drafts pinned to it. A shipped version is immutable: a file whose content differs
 * from the stored row of the same version stops the service (publish a new version instead).
 */
@ApplicationScoped
public class WizardCatalog {

    /** One entry of the list of filing types: its current version. */
    public record Summary(String country, String type, int version, Map<String, String> title) {}

    private final Pool pool;
    private final ObjectMapper json;
    private final Map<String, Definition> byKey = new ConcurrentHashMap<>();
    private final Map<String, RetiredType> retired = new ConcurrentHashMap<>();
    private volatile List<Summary> current = List.of();

    public WizardCatalog(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    void load(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    /** Stores the shipped definitions (new versions only) and reads every stored one. */
    Uni<Void> reload() {
        Definitions shipped = Definitions.fromClasspath();
        shipped.retired().forEach(gone -> retired.put(key(gone.country(), gone.type()), gone));
        List<Uni<Void>> stores = new ArrayList<>();
        for (Definition definition : shipped.all()) {
            stores.add(store(definition, definition.source()));
        }
        return Uni.join()
                .all(stores)
                .andFailFast()
                .chain(() ->
                        pool.query("select definition from wizard_definitions").execute())
                .map(rows -> {
                    for (Row row : rows) {
                        Definition definition = Definition.parse(toJson(row.getJsonObject("definition")));
                        byKey.put(key(definition.country(), definition.type(), definition.version()), definition);
                    }
                    Map<String, Definition> latest = new TreeMap<>();
                    byKey.values()
                            .forEach(d -> latest.merge(
                                    key(d.country(), d.type()), d, (a, b) -> a.version() >= b.version() ? a : b));
                    current = latest.values().stream()
                            .map(d -> new Summary(d.country(), d.type(), d.version(), d.title()))
                            .sorted(Comparator.comparing(Summary::country).thenComparing(Summary::type))
                            .toList();
                    Log.infof("Wizard definitions: %d filing types, %d versions", current.size(), byKey.size());
                    return null;
                });
    }

    private Uni<Void> store(Definition definition, JsonNode source) {
        String checksum = sha256(source);
        return pool.preparedQuery("insert into wizard_definitions (country, type, version, title, definition,"
                        + " checksum, loaded_at) values ($1, $2, $3, $4, $5, $6, $7)"
                        + " on conflict (country, type, version) do nothing")
                .execute(Tuple.from(List.of(
                        definition.country(),
                        definition.type(),
                        definition.version(),
                        definition.title().getOrDefault("en", definition.type()),
                        new JsonObject(json.convertValue(source, Map.class)),
                        checksum,
                        Instant.now().atOffset(ZoneOffset.UTC))))
                .chain(() -> pool.preparedQuery(
                                "select checksum from wizard_definitions where country = $1 and type = $2 and version = $3")
                        .execute(Tuple.of(definition.country(), definition.type(), definition.version())))
                .map(rows -> {
                    String stored = rows.iterator().next().getString(0);
                    if (!stored.equals(checksum)) {
                        throw new IllegalStateException("Wizard definition " + definition.country() + "/"
                                + definition.type() + " v" + definition.version()
                                + " differs from the version already published; a published version never changes:"
                                + " ship the change as v" + (definition.version() + 1));
                    }
                    return null;
                });
    }

    public List<Summary> current() {
        return current;
    }

    /** The current version of a filing type; 404 for an unknown one, 422 for a retired one. */
    public Definition current(String country, String type) {
        return current.stream()
                .filter(s -> s.country().equals(country) && s.type().equals(type))
                .findFirst()
                .map(s -> byKey.get(key(country, type, s.version())))
                .orElseThrow(() -> unknown(country, type));
    }

    public Definition version(String country, String type, int version) {
        Definition found = byKey.get(key(country, type, version));
        if (found == null) {
            if (byKey.keySet().stream().anyMatch(k -> k.startsWith(key(country, type) + "/"))) {
                throw ProblemException.notFound("Wizard version");
            }
            throw unknown(country, type);
        }
        return found;
    }

    public Optional<RetiredType> retired(String country, String type) {
        return Optional.ofNullable(retired.get(key(country, type)));
    }

    private ProblemException unknown(String country, String type) {
        return retired(country, type)
                .map(gone -> ProblemException.invalid("type", gone.message().get("en")))
                .orElseGet(() -> ProblemException.notFound("Wizard"));
    }

    private static String key(String country, String type) {
        return country + "/" + type;
    }

    private static String key(String country, String type, int version) {
        return key(country, type) + "/" + version;
    }

    private JsonNode toJson(JsonObject object) {
        try {
            return json.readTree(object.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over the canonical form (Jackson's, keys in file order), so whitespace alone never counts as a change. */
    private String sha256(JsonNode source) {
        try {
            byte[] canonical = json.writeValueAsString(source).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.comply360.platform.data;

import static io.comply360.platform.data.Reactive.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.comply360.platform.data.IdempotencyKeys.Created;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

@QuarkusTest
class IdempotencyKeysTest {

    private static final String OPERATION = "POST /widgets";

    @Inject
    TenantTransactions tx;

    @Inject
    IdempotencyKeys keys;

    private final UUID tenant = UUID.randomUUID();
    private final AtomicInteger effects = new AtomicInteger();

    private StoredResponse create(UUID tenantId, String key, String principal, Object request) {
        return await(() -> tx.inTenant(
                tenantId,
                () -> keys.once(key, OPERATION, principal, request, () -> {
                    int n = effects.incrementAndGet();
                    return Uni.createFrom().item(new Created(201, URI.create("/widgets/" + n), Map.of("n", n)));
                })));
    }

    @Test
    void sameKeyAndRequestReplaysTheFirstAnswerWithoutASecondEffect() {
        StoredResponse first = create(tenant, "k-1", "user", Map.of("name", "a"));
        StoredResponse second = create(tenant, "k-1", "user", Map.of("name", "a"));
        assertThat(effects).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.location()).isEqualTo(first.location());
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void sameKeyWithAnotherRequestIs422() {
        create(tenant, "k-2", "user", Map.of("name", "a"));
        assertThatThrownBy(() -> create(tenant, "k-2", "user", Map.of("name", "b")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(e.errors()).extracting("field").containsExactly("Idempotency-Key");
                });
        assertThat(effects).hasValue(1);
    }

    @Test
    void keysOfOtherCallersAndTenantsDoNotCollide() {
        create(tenant, "k-3", "user", Map.of("name", "a"));
        create(tenant, "k-3", "other-user", Map.of("name", "a"));
        create(UUID.randomUUID(), "k-3", "user", Map.of("name", "a"));
        assertThat(effects).hasValue(3);
    }

    @Test
    void noKeyMeansNoGuard() {
        create(tenant, null, "user", Map.of("name", "a"));
        create(tenant, null, "user", Map.of("name", "a"));
        assertThat(effects).hasValue(2);
    }

    @Test
    void failedRequestStoresNothingSoTheKeyCanBeRetried() {
        assertThatThrownBy(() -> await(() -> tx.inTenant(
                        tenant,
                        () -> keys.once(
                                "k-4",
                                OPERATION,
                                "user",
                                "req",
                                () -> Uni.createFrom()
                                        .failure(ProblemException.invalid("name", "must not be blank"))))))
                .isInstanceOf(ProblemException.class);
        StoredResponse retried = create(tenant, "k-4", "user", "req");
        assertThat(retried.replayed()).isFalse();
        assertThat(effects).hasValue(1);
    }

    @Test
    void invalidKeyIs400() {
        assertThatThrownBy(() -> create(tenant, "with space", "user", "req"))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
    }

    @Test
    void anEmptyKeyIsNotNoKeyButA400() {
        assertThatThrownBy(() -> create(tenant, "", "user", "req"))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
        assertThat(effects).hasValue(0);
    }

    @Test
    void anOperationOverSeveralTransactionsIsResumedUntilItsAnswerIsStoredThenReplayed() {
        Map<String, String> request = Map.of("email", "a@example.test");
        IdempotencyKeys.Claim first =
                await(() -> tx.inTenant(tenant, () -> keys.claim("k-5", OPERATION, "user", request)));
        assertThat(first).isInstanceOf(IdempotencyKeys.Claim.Fresh.class);
        // The first attempt died between its transactions: the retry is told to resume, not to start afresh.
        IdempotencyKeys.Claim retry =
                await(() -> tx.inTenant(tenant, () -> keys.claim("k-5", OPERATION, "user", request)));
        assertThat(retry).isInstanceOf(IdempotencyKeys.Claim.Unfinished.class);
        StoredResponse stored = await(() -> tx.inTenant(
                tenant,
                () -> keys.complete("k-5", "user", new Created(201, URI.create("/widgets/5"), Map.of("n", 5)))));
        assertThat(stored.replayed()).isFalse();
        IdempotencyKeys.Claim later =
                await(() -> tx.inTenant(tenant, () -> keys.claim("k-5", OPERATION, "user", request)));
        assertThat(later).isInstanceOfSatisfying(IdempotencyKeys.Claim.Answered.class, answered -> {
            assertThat(answered.response().replayed()).isTrue();
            assertThat(answered.response().body()).isEqualTo(stored.body());
            assertThat(answered.response().location()).isEqualTo("/widgets/5");
        });
        assertThatThrownBy(() -> await(() ->
                        tx.inTenant(tenant, () -> keys.claim("k-5", OPERATION, "user", Map.of("email", "b")))))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED));
    }

    @Test
    void aReleasedClaimLeavesTheKeyFreeButAnAnsweredOneStays() {
        await(() -> tx.inTenant(tenant, () -> keys.claim("k-6", OPERATION, "user", "req")));
        await(() -> tx.inTenant(tenant, () -> keys.release("k-6", "user")));
        assertThat(await(() -> tx.inTenant(tenant, () -> keys.claim("k-6", OPERATION, "user", "another request"))))
                .isInstanceOf(IdempotencyKeys.Claim.Fresh.class);
        create(tenant, "k-7", "user", "req");
        await(() -> tx.inTenant(tenant, () -> keys.release("k-7", "user")));
        assertThat(create(tenant, "k-7", "user", "req").replayed()).isTrue();
        assertThat(effects).hasValue(1);
    }
}

package io.comply360.platform.data;

import static io.comply360.platform.data.Reactive.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.testkit.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

@QuarkusTest
class LeasesTest {

    @Inject
    Leases leases;

    @Inject
    TenantTransactions tx;

    private final String name = "test:" + UUID.randomUUID();

    /** Work that notes when it starts and ends and takes {@code millis}, in a tenant transaction after the wait. */
    private Uni<String> work(List<String> timeline, String who, long millis) {
        return Uni.createFrom()
                .voidItem()
                .invoke(() -> timeline.add(who + " starts"))
                .onItem()
                .delayIt()
                .by(Duration.ofMillis(millis))
                .invoke(() -> timeline.add(who + " ends"))
                .replaceWith(who);
    }

    @Test
    void twoHoldersOfOneLeaseTakeTurnsAndWhatFollowsStillRunsOnTheCallersContext() {
        List<String> timeline = new CopyOnWriteArrayList<>();
        var first = leases.holding(
                        name, Duration.ofSeconds(30), Duration.ofSeconds(10), () -> work(timeline, "first", 400))
                .subscribeAsCompletionStage();
        await(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100)));
        // The second waits for the lease, then opens a transaction: it must be back on a Vert.x context to do so.
        String second = await(() -> leases.holding(
                name,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                () -> work(timeline, "second", 10)
                        .chain(who -> tx.withoutTenant(() -> Uni.createFrom().item(who)))));
        assertThat(second).isEqualTo("second");
        assertThat(first.toCompletableFuture().join()).isEqualTo("first");
        assertThat(timeline).containsExactly("first starts", "first ends", "second starts", "second ends");
    }

    @Test
    void whoCannotGetTheLeaseInTimeIsToldToRetryAndTheHolderKeepsIt() {
        var holder = leases.holding(
                        name,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(1),
                        () -> Uni.createFrom().item("held").onItem().delayIt().by(Duration.ofMillis(1500)))
                .subscribeAsCompletionStage();
        await(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> await(() -> leases.holding(
                        name,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(300),
                        () -> Uni.createFrom().item("never"))))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1400);
        assertThat(holder.toCompletableFuture().join()).isEqualTo("held");
    }

    @Test
    void aHolderWhoseWorkOutlastsTheTtlKeepsTheLease() {
        // Work of 2.5 s under a 1 s lease: without the holder extending it, the second would take it over at 1 s.
        List<String> timeline = new CopyOnWriteArrayList<>();
        var slow = leases.holding(
                        name, Duration.ofSeconds(1), Duration.ofSeconds(1), () -> work(timeline, "slow", 2500))
                .subscribeAsCompletionStage();
        await(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1200)));
        assertThatThrownBy(() -> await(() -> leases.holding(
                        name, Duration.ofSeconds(1), Duration.ofMillis(800), () -> work(timeline, "second", 0))))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
        assertThat(slow.toCompletableFuture().join()).isEqualTo("slow");
        assertThat(timeline).containsExactly("slow starts", "slow ends");
    }

    @Test
    void theLeaseOfAHolderThatDiedExpiresAndIsTakenOver() throws Exception {
        try (Connection db = TestDatabase.asApp();
                PreparedStatement st = db.prepareStatement(
                        "insert into leases (name, holder, expires_at) values (?, 'a-dead-replica', now() - interval '1 second')")) {
            st.setString(1, name);
            st.executeUpdate();
        }
        assertThat(await(() -> leases.holding(
                        name,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(200),
                        () -> Uni.createFrom().item("taken over"))))
                .isEqualTo("taken over");
    }

    @Test
    void aFailingHolderGivesTheLeaseBack() {
        assertThatThrownBy(() -> await(() -> leases.holding(
                        name,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(1),
                        () -> Uni.createFrom().failure(new IllegalStateException("remote call failed")))))
                .hasMessageContaining("remote call failed");
        assertThat(await(() -> leases.holding(
                        name,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(100),
                        () -> Uni.createFrom().item("free again"))))
                .isEqualTo("free again");
    }
}

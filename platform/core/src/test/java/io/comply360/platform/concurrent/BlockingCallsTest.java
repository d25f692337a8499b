package io.comply360.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

@QuarkusTest
class BlockingCallsTest {

    @Test
    void blockingWorkRunsOnAWorkerAndResumesOnTheCallersContext() throws Throwable {
        AtomicReference<Context> caller = new AtomicReference<>();
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicReference<Context> resumed = new AtomicReference<>();
        String result = VertxContextSupport.subscribeAndAwait(() -> {
            caller.set(Vertx.currentContext());
            return BlockingCalls.run(() -> {
                        worker.set(Thread.currentThread());
                        return "done";
                    })
                    .invoke(() -> resumed.set(Vertx.currentContext()));
        });
        assertThat(result).isEqualTo("done");
        assertThat(worker.get().getName()).doesNotContain("eventloop");
        assertThat(resumed.get()).isSameAs(caller.get());
    }

    @Test
    void checkedFailuresArriveAsTheCause() {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> BlockingCalls.<String>run(() -> {
                    throw new IOException("disk gone");
                })))
                .hasRootCauseInstanceOf(IOException.class)
                .hasRootCauseMessage("disk gone");
    }

    @Test
    void worksOutsideAVertxContext() {
        assertThat(BlockingCalls.run(() -> 42).await().indefinitely()).isEqualTo(42);
    }
}

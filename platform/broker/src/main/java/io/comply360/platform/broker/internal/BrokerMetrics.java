package io.comply360.platform.broker.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.platform.broker.internal.ManagementClient.QueueInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Depth of this service's queues, their retry queues and DLQs, read from the management API every 30 s:
 * {@code comply360_queue_messages{queue=...}}. Alert on DLQ depth and growing work queues; the broker's
 * health never decides this service's readiness.
 */
@ApplicationScoped
public class BrokerMetrics {

    private final Broker broker;
    private final BrokerConfig config;
    private final MeterRegistry metrics;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();

    public BrokerMetrics(Broker broker, BrokerConfig config, MeterRegistry metrics) {
        this.broker = broker;
        this.config = config;
        this.metrics = metrics;
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        if (!config.enabled() || !broker.connected()) {
            return;
        }
        try {
            Map<String, QueueInfo> all = broker.management().queues();
            for (String queue : TopologyApplier.queueNames(broker.queues(), config.retryDelays())) {
                record(queue, all);
            }
        } catch (Exception e) {
            Log.debugf("Queue depths unavailable: %s", e.getMessage());
        }
    }

    private void record(String queue, Map<String, QueueInfo> all) {
        depths.computeIfAbsent(queue, name -> {
                    AtomicLong value = new AtomicLong();
                    gauges.add(Gauge.builder("comply360.queue.messages", value, AtomicLong::get)
                            .tag("queue", name)
                            .description("Messages in the queue (ready and unacknowledged)")
                            .register(metrics));
                    return value;
                })
                .set(all.containsKey(queue) ? all.get(queue).messages() : 0);
    }

    /** See {@code Broker.stop()}: the gauges must not outlive this instance. */
    @PreDestroy
    void stop() {
        gauges.forEach(metrics::remove);
    }
}

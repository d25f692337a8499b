package io.comply360.platform.messaging.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.agroal.api.AgroalDataSource;
import io.comply360.platform.broker.internal.BrokerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes what messaging no longer needs, hourly: outbox rows sent longer ago than
 * {@code comply360.messaging.relay.keep-sent}, and inbox rows processed longer ago than
 * {@code comply360.messaging.keep-inbox}. Unsent outbox rows are never deleted.
 */
@ApplicationScoped
public class Retention {

    private final MessagingConfig config;
    private final BrokerConfig brokerConfig;
    private final AgroalDataSource dataSource;

    public Retention(MessagingConfig config, BrokerConfig brokerConfig, AgroalDataSource dataSource) {
        this.config = config;
        this.brokerConfig = brokerConfig;
        this.dataSource = dataSource;
    }

    void check(@Observes StartupEvent event) {
        requireInboxOutlastsDeadLetters(config.keepInbox(), brokerConfig.retryDelays(), brokerConfig.deadLetterTtl());
    }

    /**
     * The last copy of an event can arrive as long after its first processing as it may take to walk the retry
     * steps and wait out the DLQ's message TTL before a replay; until then its inbox row must exist, or the
     * replay applies the event a second time.
     */
    static void requireInboxOutlastsDeadLetters(
            Duration keepInbox, List<Duration> retryDelays, Duration deadLetterTtl) {
        Duration deadLetterLife = retryDelays.stream().reduce(deadLetterTtl, Duration::plus);
        if (keepInbox.compareTo(deadLetterLife) <= 0) {
            throw new IllegalStateException("comply360.messaging.keep-inbox (" + keepInbox
                    + ") must be longer than the retry steps plus comply360.messaging.dead-letter-ttl ("
                    + deadLetterLife
                    + "), or a replayed dead letter is applied twice");
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() throws SQLException {
        purgeSentOutbox();
        purgeInbox();
    }

    int purgeSentOutbox() throws SQLException {
        return delete("outbox", "sent_at", config.relay().keepSent());
    }

    int purgeInbox() throws SQLException {
        return delete("inbox", "processed_at", config.keepInbox());
    }

    private int delete(String table, String column, Duration olderThan) throws SQLException {
        try (Connection db = dataSource.getConnection();
                PreparedStatement st = db.prepareStatement("delete from " + table + " where " + column
                        + " < clock_timestamp() - make_interval(secs => ?)")) {
            st.setLong(1, olderThan.toSeconds());
            int purged = st.executeUpdate();
            if (purged > 0) {
                Log.infof("Deleted %d %s rows older than %s", purged, table, olderThan);
            }
            return purged;
        }
    }
}

package io.comply360.platform.messaging.internal;

import java.util.List;

import io.comply360.platform.testkit.PrivateRabbitMq;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The test profile of the messaging tests by mechanism ({@link MessagingCase}): a private RabbitMQ node that
 * they may stop, block and give policies. Classes of one profile run one after another on one application and
 * one node; the node is not shared with tests outside the profile.
 */
public class OwnBrokerNode implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PrivateRabbitMq.class));
    }
}

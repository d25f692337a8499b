package io.comply360.commission.odoo;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;

import io.comply360.commission.config.CommissionConfig;

/**
 * Plain {@link CommissionConfig} instances for unit tests (no Quarkus): the defaults of the {@code @WithDefault}
 * annotations, with a builder to override what a test needs.
 */
public final class TestConfigs {

    /** Base64 of 32 bytes 0..31: a valid AES-256 master key. */
    public static final String MASTER_KEY = masterKeyOf((byte) 0);

    private TestConfigs() {}

    /** Base64 of 32 bytes starting at {@code first} and counting up. */
    public static String masterKeyOf(byte first) {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (first + i);
        }
        return Base64.getEncoder().encodeToString(raw);
    }

    public static CommissionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every setting with its {@code @WithDefault} value unless overridden. */
    public static final class Builder {
        private ZoneId zone = ZoneId.of("Africa/Johannesburg");
        private String masterKey = MASTER_KEY;
        private boolean allowPrivateAddresses = false;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration callTimeout = Duration.ofSeconds(20);
        private long maxResponseBytes = 4194304L;
        private String pollEvery = "10S";
        private Duration claim = Duration.ofMinutes(5);
        private Duration firstBackoff = Duration.ofSeconds(15);
        private Duration maxBackoff = Duration.ofMinutes(30);
        private int maxUnknownFaults = 8;
        private int breakerThreshold = 3;
        private Duration breakerOpen = Duration.ofSeconds(30);
        private Duration paymentPoll = Duration.ofHours(1);
        private int threads = 4;

        public Builder zone(ZoneId v) {
            zone = v;
            return this;
        }

        public Builder masterKey(String v) {
            masterKey = v;
            return this;
        }

        public Builder allowPrivateAddresses(boolean v) {
            allowPrivateAddresses = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        public Builder callTimeout(Duration v) {
            callTimeout = v;
            return this;
        }

        public Builder maxResponseBytes(long v) {
            maxResponseBytes = v;
            return this;
        }

        public Builder pollEvery(String v) {
            pollEvery = v;
            return this;
        }

        public Builder claim(Duration v) {
            claim = v;
            return this;
        }

        public Builder firstBackoff(Duration v) {
            firstBackoff = v;
            return this;
        }

        public Builder maxBackoff(Duration v) {
            maxBackoff = v;
            return this;
        }

        public Builder maxUnknownFaults(int v) {
            maxUnknownFaults = v;
            return this;
        }

        public Builder breakerThreshold(int v) {
            breakerThreshold = v;
            return this;
        }

        public Builder breakerOpen(Duration v) {
            breakerOpen = v;
            return this;
        }

        public Builder paymentPoll(Duration v) {
            paymentPoll = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public CommissionConfig build() {
            ZoneId zoneV = zone;
            CommissionConfig.Odoo odoo = new CommissionConfig.Odoo() {
                private final String masterKeyV = masterKey;
                private final boolean allowPrivateV = allowPrivateAddresses;
                private final Duration connectTimeoutV = connectTimeout;
                private final Duration callTimeoutV = callTimeout;
                private final long maxResponseBytesV = maxResponseBytes;
                private final String pollEveryV = pollEvery;
                private final Duration claimV = claim;
                private final Duration firstBackoffV = firstBackoff;
                private final Duration maxBackoffV = maxBackoff;
                private final int maxUnknownFaultsV = maxUnknownFaults;
                private final int breakerThresholdV = breakerThreshold;
                private final Duration breakerOpenV = breakerOpen;
                private final Duration paymentPollV = paymentPoll;
                private final int threadsV = threads;

                @Override
                public String masterKey() {
                    return masterKeyV;
                }

                @Override
                public boolean allowPrivateAddresses() {
                    return allowPrivateV;
                }

                @Override
                public Duration connectTimeout() {
                    return connectTimeoutV;
                }

                @Override
                public Duration callTimeout() {
                    return callTimeoutV;
                }

                @Override
                public long maxResponseBytes() {
                    return maxResponseBytesV;
                }

                @Override
                public String pollEvery() {
                    return pollEveryV;
                }

                @Override
                public Duration claim() {
                    return claimV;
                }

                @Override
                public Duration firstBackoff() {
                    return firstBackoffV;
                }

                @Override
                public Duration maxBackoff() {
                    return maxBackoffV;
                }

                @Override
                public int maxUnknownFaults() {
                    return maxUnknownFaultsV;
                }

                @Override
                public int breakerThreshold() {
                    return breakerThresholdV;
                }

                @Override
                public Duration breakerOpen() {
                    return breakerOpenV;
                }

                @Override
                public Duration paymentPoll() {
                    return paymentPollV;
                }

                @Override
                public int threads() {
                    return threadsV;
                }
            };
            return new CommissionConfig() {
                @Override
                public ZoneId zone() {
                    return zoneV;
                }

                @Override
                public Odoo odoo() {
                    return odoo;
                }
            };
        }
    }
}

package io.comply360.commission.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal addresses and "localhost" (resolved from the hosts file), so no DNS is needed. */
class OdooUrlsTest {

    private final OdooUrls strict = new OdooUrls(TestConfigs.defaults());
    private final OdooUrls lenient =
            new OdooUrls(TestConfigs.builder().allowPrivateAddresses(true).build());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1",
                "http://[::127.0.0.1]",
                "http://[64:ff9b::7f00:1]",
                "http://[2002:7f00:1::]",
                "http://[2002:a00:1::]",
                "http://198.18.0.1",
                "http://192.0.0.8",
                "http://127.0.0.1:8069",
                "https://127.1.2.3/odoo",
                "http://localhost",
                "http://localhost:8069",
                "http://10.1.2.3",
                "http://172.16.0.1",
                "http://172.31.255.254",
                "http://192.168.1.1",
                "http://169.254.169.254", // cloud metadata
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1", // carrier-grade NAT
                "http://100.127.255.254",
                "http://0.0.0.0",
                "http://224.0.0.1", // multicast
                "http://240.0.0.1", // reserved
                "http://[::1]",
                "http://[::]",
                "http://[fd00::1]",
                "http://[fc00::1]",
                "http://[fe80::1]",
                "http://[::ffff:127.0.0.1]",
                "http://[::ffff:10.0.0.1]",
                "http://[::ffff:169.254.169.254]",
            })
    void refusesInwardAddresses(String url) {
        assertThat(strict.problem(url)).as(url).isNotNull().contains("must be a public address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://93.184.216.34",
                "HTTPS://93.184.216.34",
                "http://[2002:5db8:d822::]",
                "https://93.184.216.34:8443/odoo",
                "http://93.184.216.34",
                "https://172.32.0.1", // just outside 172.16/12
                "https://100.128.0.1", // just outside 100.64/10
                "https://[2606:2800:220:1:248:1893:25c8:1946]",
            })
    void acceptsPublicAddresses(String url) {
        assertThat(strict.problem(url)).as(url).isNull();
    }

    @Test
    void refusesOtherSchemes() {
        assertThat(strict.problem("ftp://x")).isEqualTo("must start with https:// (or http://)");
        assertThat(strict.problem("ftp://93.184.216.34")).isEqualTo("must start with https:// (or http://)");
        assertThat(strict.problem("file:///etc/passwd")).isEqualTo("must start with https:// (or http://)");
        assertThat(strict.problem("93.184.216.34")).isEqualTo("must start with https:// (or http://)");
    }

    @Test
    void refusesUserInfo() {
        assertThat(strict.problem("https://user:pass@93.184.216.34"))
                .isEqualTo("must name a host and no user or password");
        assertThat(lenient.problem("http://user:pass@127.0.0.1")).isEqualTo("must name a host and no user or password");
    }

    @Test
    void refusesQueryAndFragment() {
        assertThat(strict.problem("https://93.184.216.34/?db=x")).isEqualTo("must not have a query or fragment");
        assertThat(strict.problem("https://93.184.216.34/#x")).isEqualTo("must not have a query or fragment");
    }

    @Test
    void refusesWhatIsNotAUrl() {
        assertThat(strict.problem("https://exa mple.com")).isEqualTo("must be a URL such as https://agency.odoo.com");
        assertThat(strict.problem("https://")).isNotNull();
    }

    @Test
    void privateAddressesWhenAllowed() {
        assertThat(lenient.problem("http://127.0.0.1")).isNull();
        assertThat(lenient.problem("http://127.0.0.1:8069")).isNull();
        assertThat(lenient.problem("http://localhost:8069")).isNull();
        assertThat(lenient.problem("http://10.1.2.3")).isNull();
        assertThat(lenient.problem("http://[::1]")).isNull();
        assertThat(lenient.problem("https://93.184.216.34")).isNull();
        // the syntax rules still hold
        assertThat(lenient.problem("ftp://127.0.0.1")).isNotNull();
        assertThat(lenient.problem("http://127.0.0.1/?x=1")).isNotNull();
    }
}

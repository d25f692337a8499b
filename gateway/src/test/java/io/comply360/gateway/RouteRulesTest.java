package io.comply360.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.comply360.gateway.RouteRules.Rule;
import io.vertx.core.net.SocketAddress;

/** Routes declared where the gateway would serve them wrongly keep it from starting. */
class RouteRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Rule> parse(String... routes) throws Exception {
        return RouteRules.parse(JSON.readTree("{\"routes\":[" + String.join(",", routes) + "]}"));
    }

    @Test
    void aWebhookNeedsNoRoleAndAStreamIsAGetOfTheApi() throws Exception {
        List<Rule> rules = parse("""
                {"service":"notification","method":"POST","path":"/webhooks/sms/{provider}/{tenantId}/{messageId}",
                 "scope":"webhook","roles":[],"maxBody":"16K"}""", """
                {"service":"notification","method":"GET","path":"/api/v1/notifications/stream","scope":"tenant",
                 "roles":["agent"],"stream":true}""", """
                {"service":"notification","method":"GET","path":"/api/v1/notifications","scope":"tenant",
                 "roles":["agent"]}""");
        assertThat(rules.get(0).webhook()).isTrue();
        assertThat(rules.get(0).maxBody().orElseThrow().asLongValue()).isEqualTo(16 * 1024);
        assertThat(rules.get(1).stream()).isTrue();
        assertThat(rules.get(2).stream()).isFalse();
        assertThat(rules.get(2).webhook()).isFalse();
    }

    @Test
    void onlyWebhooksLiveUnderWebhooksAndTheyListNoRoles() {
        // Served without a token: a route of another scope there would be open to anyone.
        assertThatThrownBy(() -> parse("""
                {"service":"tenant","method":"GET","path":"/webhooks/users","scope":"tenant","roles":["agent"]}"""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/webhooks/");
        assertThatThrownBy(() -> parse("""
                {"service":"notification","method":"POST","path":"/api/v1/sms-status","scope":"webhook","roles":[]}"""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/webhooks/");
        assertThatThrownBy(() -> parse("""
                {"service":"notification","method":"POST","path":"/webhooks/sms/{id}","scope":"webhook",
                 "roles":["agent"]}"""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lists roles");
    }

    @Test
    void onlyAGetOfTheApiCanBeAStream() {
        for (String route : new String[] {"""
            {"service":"notification","method":"POST","path":"/api/v1/notifications/stream","scope":"tenant",
             "roles":["agent"],"stream":true}""", """
            {"service":"notification","method":"POST","path":"/webhooks/sms/{id}","scope":"webhook","roles":[],
             "stream":true}""", """
            {"service":"any","method":"GET","path":"/internal/events","scope":"internal","roles":["service"],
             "stream":true}"""}) {
            assertThatThrownBy(() -> parse(route))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stream");
        }
    }

    @Test
    void aWebhookSenderIsItsAddressAndAnIpv6SenderItsWhole64() {
        assertThat(WebhookSender.senderOf(SocketAddress.inetSocketAddress(443, "203.0.113.7")))
                .isEqualTo("203.0.113.7");
        assertThat(WebhookSender.senderOf(SocketAddress.inetSocketAddress(443, "2001:db8:0:1::1")))
                .isEqualTo(WebhookSender.senderOf(SocketAddress.inetSocketAddress(443, "2001:db8:0:1:ffff::9")))
                .isEqualTo("20010db800000001/64");
        assertThat(WebhookSender.senderOf(SocketAddress.inetSocketAddress(443, "2001:db8:0:2::1")))
                .isEqualTo("20010db800000002/64");
    }
}

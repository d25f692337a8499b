package io.comply360.gateway;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.gateway.RateLimitCheck.Bucket;
import io.comply360.platform.error.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * First on webhooks, {@code /webhooks/**}: third parties' callbacks (an SMS provider's delivery status) come from
 * their servers, with no token and not for an agency's host. Who sent one is proven by its signature, which the
 * service checks (only it holds the secret); to the gateway a sender is an address. So no token is asked for and
 * none is used, the agency is not taken from the host or a token (the service reads it from the path it signed),
 * and the rate limit counts per sender address (tier {@code webhook}; an IPv6 sender by its /64, which one
 * machine commonly has whole). A host not served here is still 404, and every check before the routes (request
 * guard, body limit) and after this one (role matrix for the route, rate limit, the service's breaker) applies.
 * <p>
 * First, like {@link BearerTokenRequired} on the API, so that the body stays unread while the rate limit asks
 * Redis, and is streamed to the service by the last handler.
 */
@ApplicationScoped
public class WebhookSender implements Handler<RoutingContext> {

    static final String TIER = "webhook";

    private final TenantHosts hosts;

    public WebhookSender(TenantHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public void handle(RoutingContext rc) {
        rc.request().pause();
        if (hosts.slugOf(rc.request().authority()) == null) {
            ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "This host is not served here");
            return;
        }
        rc.put(
                RateLimitCheck.BUCKET,
                new Bucket("webhook:" + senderOf(rc.request().remoteAddress()), TIER, "from this address"));
        rc.next();
    }

    /** The sender's address as a bucket names it: an IPv4 address whole, an IPv6 address by its /64. */
    static String senderOf(SocketAddress address) {
        String host = address == null ? null : address.hostAddress();
        if (host == null || host.indexOf(':') < 0) {
            return String.valueOf(host);
        }
        try {
            // A literal address: parsed, never looked up.
            InetAddress parsed = InetAddress.getByName(host);
            return parsed instanceof Inet6Address
                    ? HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "/64"
                    : parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}

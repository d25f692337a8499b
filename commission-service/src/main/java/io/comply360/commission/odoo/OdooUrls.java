package io.comply360.commission.odoo;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.commission.config.CommissionConfig;

/**
 * An agency's Odoo URL may not lead into our own network: every address its host resolves to must be public —
 * not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with cloud metadata,
 * fe80::/10), carrier-grade NAT (100.64/10), unspecified or multicast — unless the operator allows private addresses
 * (dev: a local Odoo). Checked when the settings are saved and again before every run, so a host that later
 * resolves inwards is refused too.
 */
@ApplicationScoped
public class OdooUrls {

    private final boolean allowPrivate;

    public OdooUrls(CommissionConfig config) {
        this.allowPrivate = config.odoo().allowPrivateAddresses();
    }

    /** The URL's problem, or null when it may be called. Resolves the host (blocking: call off the event loop). */
    public String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be a URL such as https://agency.odoo.com";
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            return "must start with https:// (or http://)";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "must name a host and no user or password";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (inward(address)) {
                    return "must be a public address: " + uri.getHost() + " resolves to a private, loopback or"
                            + " link-local one";
                }
            }
        } catch (UnknownHostException e) {
            return "names a host that cannot be resolved: " + uri.getHost();
        }
        return null;
    }

    static boolean inward(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            return first == 0
                    || (first == 100 && second >= 64 && second <= 127)
                    || (first == 198 && (second == 18 || second == 19))
                    || (first == 192 && second == 0 && third == 0)
                    || first >= 240;
        }
        // IPv6 unique local (fc00::/7).
        if ((b[0] & 0xfe) == 0xfc) {
            return true;
        }
        // IPv6 forms that carry an IPv4 address: mapped (::ffff:a.b.c.d) and compatible (::a.b.c.d), NAT64
        // (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::): the embedded address decides.
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (mapped || compatible || nat64) {
            return inward4(b[12], b[13], b[14], b[15]);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return inward4(b[2], b[3], b[4], b[5]);
        }
        return false;
    }

    private static boolean inward4(byte a, byte b, byte c, byte d) {
        try {
            return inward(InetAddress.getByAddress(new byte[] {a, b, c, d}));
        } catch (UnknownHostException e) {
            return true;
        }
    }
}

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
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
        }
        // IPv6 unique local (fc00::/7) and IPv4-mapped addresses of inward IPv4 ones.
        if ((b[0] & 0xfe) == 0xfc) {
            return true;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return inward(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}

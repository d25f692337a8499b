package io.comply360.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What the tests need of a browser, over plain HTTP: it sends each request to the host its URL names (a gateway
 * host — {@code localhost:8080} or {@code {slug}.localhost:8080}, which Java cannot resolve — to the launched
 * gateway with that {@code Host} header), keeps the cookies each host sets (by name, dropping the ones set to
 * expire) and sends them back where their path matches. Secure cookies are sent over plain HTTP too, as browsers
 * do for localhost (Keycloak's are Secure and SameSite=None). Redirects are the caller's to follow.
 */
final class Browser {

    private final String gatewayUrl;
    private final Map<String, Map<String, Cookie>> jars = new LinkedHashMap<>();

    /** @param gatewayUrl where requests to a gateway host go (null if the browser never visits one) */
    Browser(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    Response get(String url) {
        return send("GET", URI.create(url), null);
    }

    Response post(String url, String form) {
        return send("POST", URI.create(url), form);
    }

    /** Follows the {@code Location} of a redirect, resolved against the URL that answered it. */
    Response follow(String from, Response redirect) {
        assertThat(redirect.statusCode())
                .as("redirect from %s: %s", from, redirect.asString())
                .isIn(302, 303);
        return get(resolve(from, redirect.header("Location")));
    }

    /** The value of a cookie the browser holds for a host, or null. */
    String cookie(String host, String name) {
        Cookie cookie = jars.getOrDefault(host, Map.of()).get(name);
        return cookie == null ? null : cookie.getValue();
    }

    Map<String, String> cookiesFor(String host, String path) {
        Map<String, String> sent = new LinkedHashMap<>();
        jars.getOrDefault(host, Map.of()).values().stream()
                .filter(cookie -> !cookie.hasPath() || pathMatches(cookie.getPath(), path))
                .forEach(cookie -> sent.put(cookie.getName(), cookie.getValue()));
        return sent;
    }

    static String resolve(String from, String location) {
        return URI.create(from).resolve(location).toString();
    }

    /** The query parameters of a URL, decoded. */
    static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }

    private static boolean pathMatches(String cookiePath, String path) {
        return path.equals(cookiePath) || path.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/");
    }

    private Response send(String method, URI uri, String form) {
        String host = uri.getAuthority();
        boolean gateway = host.equals("localhost:8080") || host.endsWith(".localhost:8080");
        if (gateway && gatewayUrl == null) {
            throw new IllegalStateException("This browser knows no gateway to send " + uri + " to");
        }
        String base = gateway ? gatewayUrl : uri.getScheme() + "://" + host;
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        RequestSpecification request = given().urlEncodingEnabled(false)
                .redirects()
                .follow(false)
                .baseUri(base)
                .header("Host", host)
                .cookies(cookiesFor(host, path));
        String target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Response response = form == null
                ? request.request(method, target)
                : request.contentType("application/x-www-form-urlencoded")
                        .body(form)
                        .request(method, target);
        Map<String, Cookie> jar = jars.computeIfAbsent(host, h -> new LinkedHashMap<>());
        for (Cookie cookie : response.getDetailedCookies()) {
            boolean expired = cookie.getMaxAge() == 0
                    || (cookie.hasExpiryDate() && cookie.getExpiryDate().before(new Date()));
            if (expired) {
                jar.remove(cookie.getName());
            } else {
                jar.put(cookie.getName(), cookie);
            }
        }
        return response;
    }
}

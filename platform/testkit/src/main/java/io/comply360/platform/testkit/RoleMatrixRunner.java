package io.comply360.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.comply360.platform.testkit.RoleMatrix.Route;
import io.comply360.platform.testkit.RoleMatrix.Scope;
import io.restassured.response.Response;

/**
 * Calls one route as every kind of caller and compares each answer with what the role matrix allows:
 * no token → 401; a role the matrix does not list → 403; a listed role → the success status for a caller of
 * the resource's own tenant and the foreign-tenant status (usually 404) for a caller of another tenant.
 * Every refusal must be problem+json. All mismatches are reported together. A webhook route lists no roles and
 * reads no token: every caller, anonymous or not, must get the success status (the request the test sends is what
 * decides, e.g. its signature).
 *
 * <pre>
 * RoleMatrixRunner.forRoute("GET", "/api/v1/clients/{id}")
 *         .own(home).foreignStatus(404).successStatus(200)
 *         .run(caller -> given().auth().oauth2(caller.token()).get("/api/v1/clients/" + id));
 * </pre>
 */
public final class RoleMatrixRunner {

    /** Who is calling: the role ({@code null} = anonymous), the tenant in the token, and the token itself. */
    public record Caller(String role, UUID tenantId, String token, boolean own) {

        public boolean anonymous() {
            return role == null;
        }
    }

    private final Route route;
    private final List<String> roles;
    private TestTenant home = TestTenant.create();
    private TestTenant stranger = TestTenant.create();
    private int successStatus = 200;
    private int foreignStatus = 404;

    private RoleMatrixRunner(RoleMatrix matrix, Route route) {
        this.route = route;
        this.roles = matrix.roles();
    }

    public static RoleMatrixRunner forRoute(String method, String path) {
        RoleMatrix matrix = RoleMatrix.load();
        return new RoleMatrixRunner(matrix, matrix.route(method, path));
    }

    /** The tenant that owns the resource under test (default: a fresh one). */
    public RoleMatrixRunner own(TestTenant tenant) {
        this.home = tenant;
        return this;
    }

    /** The other tenant whose users must not reach the resource (default: a fresh one). */
    public RoleMatrixRunner stranger(TestTenant tenant) {
        this.stranger = tenant;
        return this;
    }

    public RoleMatrixRunner successStatus(int status) {
        this.successStatus = status;
        return this;
    }

    /** What an allowed role of another tenant gets (404 for resources with ids: existence is not revealed). */
    public RoleMatrixRunner foreignStatus(int status) {
        this.foreignStatus = status;
        return this;
    }

    public TestTenant home() {
        return home;
    }

    /** Runs the request for every caller and asserts the whole matrix row at once. */
    public void run(Function<Caller, Response> request) {
        List<String> mismatches = new ArrayList<>();
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller(null, null, null, true));
        for (String role : roles) {
            if (carriesTenant(role)) {
                callers.add(new Caller(role, home.id(), TestTokens.token(role, home.id()), true));
                callers.add(new Caller(role, stranger.id(), TestTokens.token(role, stranger.id()), false));
            } else {
                callers.add(new Caller(role, null, TestTokens.token(role, null), true));
            }
        }
        for (Caller caller : callers) {
            int expected = expected(caller);
            Response response = request.apply(caller);
            int actual = response.statusCode();
            String who = (caller.anonymous() ? "anonymous" : caller.role())
                    + (caller.tenantId() == null ? "" : caller.own() ? " (own tenant)" : " (other tenant)");
            if (actual != expected) {
                mismatches.add(route.method() + " " + route.path() + " as " + who + ": expected " + expected + ", got "
                        + actual + " " + response.asString());
            } else if (actual >= 400
                    && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                mismatches.add(route.method() + " " + route.path() + " as " + who + ": " + actual
                        + " is not problem+json but " + response.contentType());
            }
        }
        assertThat(mismatches).as("role matrix mismatches").isEmpty();
    }

    private int expected(Caller caller) {
        if (route.scope() == Scope.webhook) {
            return successStatus;
        }
        if (caller.anonymous()) {
            return 401;
        }
        if (!route.roles().contains(caller.role())) {
            return 403;
        }
        if (route.scope() == Scope.tenant && !caller.own()) {
            return foreignStatus;
        }
        return successStatus;
    }

    /** Users of an agency carry a tenant; platform admins and service accounts do not. */
    private static boolean carriesTenant(String role) {
        return !role.equals("platform_admin") && !role.equals("service");
    }
}

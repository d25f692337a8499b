package io.comply360.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.gateway.RouteRules.Rule;
import io.comply360.platform.error.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Second: the role matrix decides whether this caller may call this route at all: 404 for a path it does not
 * list, 405 for a listed path with another method, 403 for a role it does not allow. {@link BodyLimits} has
 * already matched the route (it needs the route's limit before Quarkus' own, at order -3), or
 * {@link PortalSessionRequired} the stream a portal page asked for.
 * <p>
 * After authentication, for the caller's roles; before the host is resolved, so that a request the matrix
 * refuses never causes a lookup at tenant-service.
 */
@ApplicationScoped
public class RoleMatrixCheck implements Handler<RoutingContext> {

    private final RouteRules rules;

    public RoleMatrixCheck(RouteRules rules) {
        this.rules = rules;
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Rule rule = rc.get(BodyLimits.RULE);
        if (rule == null) {
            if (rules.knows(request.path())) {
                ProblemAnswers.send(
                        rc,
                        ProblemType.METHOD_NOT_ALLOWED,
                        AccessLog.methodOf(request) + " is not allowed on " + request.path());
            } else {
                ProblemAnswers.send(rc, ProblemType.NOT_FOUND, "No such route");
            }
            return;
        }
        rc.put(AccessLog.ROUTE, rule.name());
        rc.put(AccessLog.SERVICE, rule.service());
        // A webhook names no roles: its sender is proven by the signature the service checks.
        if (!rule.webhook()
                && BearerTokenRequired.identity(rc).getRoles().stream().noneMatch(rule.roles()::contains)) {
            ProblemAnswers.send(rc, ProblemType.FORBIDDEN, "Your role does not allow this");
            return;
        }
        rc.next();
    }
}

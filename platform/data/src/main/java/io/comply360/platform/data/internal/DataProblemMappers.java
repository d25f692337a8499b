package io.comply360.platform.data.internal;

import java.util.List;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.comply360.platform.error.ProblemType;
import io.comply360.platform.error.internal.ProblemMappers;

/**
 * Database outcomes that are answers, not bugs: a concurrent update that won the race (the caller's
 * {@code If-Match} became stale while it was being served) and a unique key taken by a concurrent insert.
 */
public class DataProblemMappers {

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, UriInfo uri) {
        return stale(uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return stale(uri);
    }

    @ServerExceptionMapper
    public Response duplicate(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (e.getKind() == org.hibernate.exception.ConstraintViolationException.ConstraintKind.UNIQUE) {
            return ProblemMappers.respond(ProblemType.CONFLICT, "It already exists", List.of(), uri);
        }
        return ProblemMappers.respond(ProblemType.CONFLICT, "The change conflicts with existing data", List.of(), uri);
    }

    private static Response stale(UriInfo uri) {
        return ProblemMappers.respond(
                ProblemType.PRECONDITION_FAILED,
                "Someone else changed the resource at the same time; read it again and reapply your change",
                List.of(),
                uri);
    }
}

package io.comply360.platform.web;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The list envelope of every collection endpoint: {@code {items,total,limit,offset}} plus {@code X-Total-Count}. */
@RegisterForReflection // the list envelope goes out through untyped Responses
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public static final String TOTAL_COUNT = "X-Total-Count";

    public Response toResponse() {
        return Response.ok(this).header(TOTAL_COUNT, total).build();
    }
}

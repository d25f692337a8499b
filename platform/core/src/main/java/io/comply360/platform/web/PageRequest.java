package io.comply360.platform.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/** {@code limit}/{@code offset} of a list request, validated like any other input (422 when out of range). */
public class PageRequest {

    public static final int MAX_LIMIT = 200;

    @QueryParam("limit")
    @DefaultValue("50")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = MAX_LIMIT, message = "must be at most " + MAX_LIMIT)
    public int limit;

    @QueryParam("offset")
    @DefaultValue("0")
    @Min(value = 0, message = "must not be negative")
    public int offset;
}

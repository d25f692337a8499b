/**
 * The services' internal APIs as other services call them. Each package is one service: its REST client interface
 * (records keep only what callers read and ignore the rest of the answer) and one bean that bounds every call with
 * a timeout, retries (the calls are reads) and a circuit breaker that "not found" does not open. The beans are
 * never called inside a transaction. A caller configures the client's URL and timeouts under
 * {@code quarkus.rest-client.<service>-service.*} and may override the bounds, e.g.
 * {@code io.comply360.clients.tenant.TenantDirectory/Timeout/value}.
 */
package io.comply360.clients;

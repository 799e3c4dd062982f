package io.homepot.appliance.api;

import java.util.concurrent.TimeUnit;

import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every HTTP request into {@code http_server_requests_seconds} tagged with method, route template
 * (e.g. {@code /api/devices/{id}/metrics}, rebuilt from the matched path parameters), status and outcome.
 * Unrouted requests are tagged {@code uri="NOT_FOUND"} to keep the tag cardinality bounded.
 */
public final class HttpMetricsFilter implements Filter {
    private final MeterRegistry registry;

    public HttpMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long t0 = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            int status = res.status().code();
            Timer.builder("http.server.requests")
                    .description("HTTP requests by route template and status")
                    .tag("method", req.prologue().method().text())
                    .tag("uri", template(req, status))
                    .tag("status", Integer.toString(status))
                    .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
                    .register(registry)
                    .record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    static String template(RoutingRequest req, int status) {
        String path = req.path().absolute().path();
        Parameters params = req.path().pathParameters();
        if (params.isEmpty()) {
            return status == 404 ? "NOT_FOUND" : path;
        }
        String[] segs = path.split("/", -1);
        for (String name : params.names()) {
            String value = params.get(name);
            for (int i = 0; i < segs.length; i++) {
                if (segs[i].equals(value)) {
                    segs[i] = "{" + name + "}";
                    break;
                }
            }
        }
        return String.join("/", segs);
    }
}

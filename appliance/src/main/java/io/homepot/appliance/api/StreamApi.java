package io.homepot.appliance.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.homepot.appliance.live.SseHub;

/**
 * {@code GET /api/stream}: server-sent events written by hand ({@code text/event-stream}, flushed per frame).
 * Events {@code anomaly} and {@code health} come from the {@link SseHub}; an idle stream gets a {@code : ping}
 * comment every {@link SseHub#pingEvery()}. A client that goes away is noticed at the next write and unregistered.
 * Routes are relative: mount at {@code /api}.
 */
public final class StreamApi implements HttpService {
    private final SseHub hub;

    public StreamApi(SseHub hub) {
        this.hub = hub;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/stream", this::stream);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        SseHub.Client client = hub.connect();
        if (client == null) {
            throw new ProblemException(503, "Service Unavailable", "Too many live streams are open; retry later", null);
        }
        try {
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header("X-Accel-Buffering", "no");
            try (OutputStream out = res.outputStream()) {
                write(out, "retry: 5000\n: connected\n\n");
                while (!client.gone()) {
                    String frame = client.next(hub.pingEvery());
                    if (frame != null) {
                        write(out, frame);
                    } else if (!client.gone()) {
                        write(out, ": ping\n\n");
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!res.isSent()) {
                throw e;
            }
        } finally {
            hub.disconnect(client);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

package io.homepot.appliance.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.homepot.appliance.api.ErrorHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI's static files and the uPlot webjar are served from the classpath with the security headers. */
class WebUiServingTest {

    private static WebServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = WebServer.builder().port(0).host("127.0.0.1")
                .routing(r -> {
                    r.get("/api/ping", (req, res) -> res.send("pong")).register(new WebUi());
                    ErrorHandlers.register(r);      // as in Main: the problem+json mapping must not touch a 304
                })
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void indexIsServedAtRootWithSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<main id=\"main\""), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(WebUi.CSP, r.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void modulesAndStylesHaveTheirContentTypes() throws Exception {
        HttpResponse<String> js = get("/js/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().map().toString());
        HttpResponse<String> css = get("/css/app.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void uplotComesFromTheWebjar() throws Exception {
        HttpResponse<String> js = get(WebUi.UPLOT_PATH + "/uPlot.iife.min.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("uPlot"));
        assertEquals(200, get(WebUi.UPLOT_PATH + "/uPlot.min.css").statusCode());
    }

    /**
     * A browser revalidates every UI file (Cache-Control: no-cache). The static content handler answers an unchanged
     * file with a 304 exception; the problem+json mapping gave the 304 a body, which Helidon rejects with a SEVERE log
     * ("Attempt to send status 304 Not Modified with entity. Server responded with Internal Server Error"): 44 of them
     * in every run of the browser tests, one per revalidated file in production.
     */
    @Test
    void anUnchangedFileIsRevalidatedWith304AndNoBody() throws Exception {
        List<LogRecord> severe = new CopyOnWriteArrayList<>();
        Handler watch = new Handler() {
            @Override public void publish(LogRecord r) { if (r.getLevel().intValue() >= Level.SEVERE.intValue()) severe.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger helidon = Logger.getLogger("io.helidon.webserver");
        helidon.addHandler(watch);
        try {
            revalidate();
        } finally {
            helidon.removeHandler(watch);
        }
        assertEquals(List.of(), severe.stream().map(LogRecord::getMessage).toList(), "server errors while revalidating");
    }

    private void revalidate() throws Exception {
        for (String path : new String[] {"/", "/js/app.js", WebUi.UPLOT_PATH + "/uPlot.iife.min.js"}) {
            HttpResponse<String> first = get(path);
            assertEquals(200, first.statusCode(), path);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + ": no ETag"));
            String modified = first.headers().firstValue("Last-Modified").orElse(null);
            HttpRequest.Builder revalidate = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("If-None-Match", etag);
            if (modified != null) revalidate.header("If-Modified-Since", modified);   // a browser sends both
            HttpResponse<String> again = HTTP.send(revalidate.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(304, again.statusCode(), path + ": " + again.body());
            assertEquals("", again.body(), path);
            assertEquals(etag, again.headers().firstValue("ETag").orElse(null), path + ": the 304 names the version kept");
        }
    }

    @Test
    void apiRoutesAreNotShadowedAndUnknownFilesAre404() throws Exception {
        HttpResponse<String> api = get("/api/ping");
        assertEquals("pong", api.body());
        assertTrue(api.headers().firstValue("Content-Security-Policy").isEmpty());
        assertEquals(404, get("/no-such-file.js").statusCode());
        assertEquals(404, get("/../pom.xml").statusCode());
    }
}

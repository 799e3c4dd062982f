package io.homepot.appliance.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.helidon.webserver.WebServer;
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
                .routing(r -> r.get("/api/ping", (req, res) -> res.send("pong")).register(new WebUi()))
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

    @Test
    void apiRoutesAreNotShadowedAndUnknownFilesAre404() throws Exception {
        HttpResponse<String> api = get("/api/ping");
        assertEquals("pong", api.body());
        assertTrue(api.headers().firstValue("Content-Security-Policy").isEmpty());
        assertEquals(404, get("/no-such-file.js").statusCode());
        assertEquals(404, get("/../pom.xml").statusCode());
    }
}

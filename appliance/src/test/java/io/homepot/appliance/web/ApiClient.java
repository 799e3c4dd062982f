package io.homepot.appliance.web;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/** Plain HTTP calls to the appliance's API from the browser tests (setup and cross-checks). */
final class ApiClient {

    /** A response: status and parsed JSON body (null when the body is not JSON). */
    record Reply(int status, JsonStructure json, String body) {
        JsonObject object() {
            return (JsonObject) json;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = http.send(builder.timeout(Duration.ofSeconds(60)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonStructure json = null;
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isBlank()) {
                json = Json.createReader(new StringReader(r.body())).read();
            }
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("API call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The array under one of the keys, or the value itself when it is an array. */
    static JsonArray listOf(JsonStructure json, String... keys) {
        if (json instanceof JsonArray a) {
            return a;
        }
        JsonObject o = (JsonObject) json;
        for (String k : java.util.stream.Stream.concat(java.util.Arrays.stream(keys), java.util.stream.Stream.of("items")).toList()) {
            if (o.containsKey(k) && o.get(k).getValueType() == JsonValue.ValueType.ARRAY) {
                return o.getJsonArray(k);
            }
        }
        throw new IllegalStateException("no list under " + String.join("/", keys) + " in " + json);
    }
}

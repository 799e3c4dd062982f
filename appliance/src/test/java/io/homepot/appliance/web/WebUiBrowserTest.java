package io.homepot.appliance.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Drives the UI in headless Chromium against the real appliance with its demo site: overview, device list and
 * detail with a chart, mode switch, Ask, reports, status, keyboard access, and a clean browser console.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({UiApplianceExtension.class, UiFailureWatcher.class})
class WebUiBrowserTest implements UiFailureWatcher.HasBrowser {

    private UiAppliance appliance;
    private ApiClient api;
    private Browser browser;
    private final Set<String> missingEndpoints = new TreeSet<>();

    @BeforeAll
    void start(UiAppliance shared) {
        appliance = shared;
        api = new ApiClient(appliance.baseUrl());
        browser = new Browser(appliance.baseUrl(), 1366, 768);
    }

    @AfterAll
    void stop() {
        if (!missingEndpoints.isEmpty()) {
            System.out.println("UI: endpoints answered 404/405/501 (shown as 'not available'): " + missingEndpoints);
        }
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            appliance = null; // shared: closed at the end of the test run
        }
    }

    @Override
    public Browser browser() {
        return browser;
    }

    /** Every test leaves a console without errors: no script error, no failed request, no missing endpoint. */
    @AfterEach
    void consoleHasNoErrors() {
        ConsoleCheck console = new ConsoleCheck(browser.consoleLog());
        missingEndpoints.addAll(console.missingEndpoints);
        assertEquals(List.of(), console.errors, "browser console errors");
        assertEquals(List.of(), console.missingEndpoints, "API endpoints the UI calls answered 404/405/501");
    }

    private List<JsonObject> siteDevices() {
        JsonObject site = ApiClient.listOf(api.get("/api/sites").json(), "sites").getJsonObject(0);
        long siteId = site.getJsonNumber("id").longValue();
        List<JsonObject> devices = new ArrayList<>();
        ApiClient.listOf(api.get("/api/devices?site=" + siteId + "&limit=1000").json(), "devices")
                .forEach(v -> devices.add(v.asJsonObject()));
        return devices;
    }

    @Test
    void overviewShowsBuildingADevicesWithTheirHealth() {
        browser.open("#/");
        assertTrue(browser.waitFor("main h1").getText().contains("Building A"));
        browser.waitFor(".type-card .device-chip");
        List<JsonObject> devices = siteDevices();
        assertFalse(devices.isEmpty(), "demo site has devices");
        for (JsonObject d : devices) {
            WebElement chip = browser.driver().findElement(By.cssSelector(".type-grid .device-chip[data-device-id='" + d.getJsonNumber("id") + "']"));
            assertEquals(d.getString("name"), chip.findElement(By.cssSelector("a")).getText());
            String label = chip.findElement(By.cssSelector(".badge")).getText();
            assertTrue(Set.of("Healthy", "Warning", "Critical", "Offline", "Unknown").stream().anyMatch(label::endsWith), label);
        }
        int counted = 0;
        for (WebElement count : browser.driver().findElements(By.cssSelector(".dist-legend [data-count] .count"))) {
            counted += Integer.parseInt(count.getText());
        }
        assertEquals(devices.size(), counted, "health distribution covers every device");
        // live updates: the EventSource on /api/stream is connected
        browser.until(d -> "live".equals(d.findElement(By.id("live-indicator")).getDomAttribute("data-state")));
    }

    @Test
    void deviceFromTheListShowsAChartWithDataPoints() {
        browser.open("#/devices");
        WebElement first = browser.waitFor("table.data-table tbody a.device-link");
        String name = first.getText();
        first.click();
        browser.until(d -> d.getCurrentUrl().contains("#/devices/"));
        browser.waitReady();
        assertEquals(name, browser.waitFor("main h1").getText());
        WebElement plot = browser.until(d -> d.findElements(By.cssSelector(".chart-plot[data-points]")).stream().findFirst().orElse(null));
        assertTrue(Integer.parseInt(plot.getDomAttribute("data-points")) > 0, "chart has data points");
        assertFalse(plot.findElements(By.cssSelector("canvas")).isEmpty(), "uPlot drew a canvas");

        browser.driver().findElement(By.xpath("//fieldset[legend='Period']//label[normalize-space(.)='7d']")).click();
        browser.until(d -> Boolean.TRUE.equals(browser.js("const n = document.querySelector('.chart-note');"
                + " return n !== null && n.textContent.includes('step 30 min') && document.querySelector('.chart-plot[data-points] canvas') !== null;")));
        WebElement weekPlot = browser.driver().findElement(By.cssSelector(".chart-plot[data-points]"));
        assertTrue(Integer.parseInt(weekPlot.getDomAttribute("data-points")) > 0, "7-day chart has data points");
        // the forecast's confidence says what it was measured on (or that it has not been measured yet)
        String note = (String) browser.js("return document.querySelector('.chart-note').textContent;");
        assertTrue(note.contains("forecast risk"), note);
        assertTrue(note.contains("held-back h") || note.contains("confidence not measured yet"), note);
    }

    @Test
    void modeSwitchIsSavedForTheUser() {
        String id = firstDeviceId();
        browser.open("#/devices/" + id);
        WebElement executive = browser.waitFor("fieldset.mode-switch input[value='executive']");
        browser.driver().findElement(By.xpath("//fieldset[contains(@class,'mode-switch')]//label[.//input[@value='executive']]")).click();
        assertTrue(executive.isSelected());
        browser.until(d -> d.findElement(By.cssSelector(".mode-note")).getText().equals("Saved."));
        assertEquals("executive", api.get("/api/ai/mode").object().getString("mode"));
        // the analysis panel follows the mode
        browser.until(d -> "executive".equals(d.findElement(By.cssSelector("[data-panel='analysis']")).getDomAttribute("data-mode")));
        // back to the default so the other tests see maintenance
        browser.driver().findElement(By.xpath("//fieldset[contains(@class,'mode-switch')]//label[.//input[@value='maintenance']]")).click();
        browser.until(d -> "maintenance".equals(api.get("/api/ai/mode").object().getString("mode")));
    }

    @Test
    void askShowsAnAnswerWithDeviceLinks() {
        String name = siteDevices().get(0).getString("name");
        browser.open("#/ask");
        WebElement question = browser.waitFor("textarea#ask-question");
        question.sendKeys("What is the status of " + name + "?");
        browser.driver().findElement(By.cssSelector("form.ask-form button[type='submit']")).click();
        browser.until(d -> {
            String state = d.findElement(By.cssSelector(".answer")).getDomAttribute("data-state");
            return "done".equals(state) || "error".equals(state) ? state : null;
        });
        assertEquals(List.of(), browser.driver().findElements(By.cssSelector(".answer [data-unavailable]")), "Ask answered");
        assertFalse(browser.driver().findElement(By.cssSelector(".answer-text")).getText().isBlank(), "answer text");
        assertEquals("stream", browser.driver().findElement(By.cssSelector(".answer")).getDomAttribute("data-via"),
                "answer came through /api/ai/query/stream");
        List<WebElement> links = browser.driver().findElements(By.cssSelector(".answer-devices a.device-link"));
        assertFalse(links.isEmpty(), "relevant devices are links");
        assertTrue(links.get(0).getDomAttribute("href").startsWith("#/devices/"));
        assertTrue(browser.driver().findElement(By.cssSelector(".answer-meta [data-mode]")).getText().startsWith("Mode: "));
        assertTrue(browser.driver().findElement(By.cssSelector(".answer-meta [data-model]")).getText().startsWith("Model: "));
        // no Ollama in the tests: the degraded path answers and says so
        assertFalse(browser.driver().findElements(By.cssSelector(".answer-meta [data-llm='degraded']")).isEmpty(), "degraded badge");
        String deviceName = links.get(0).getText();
        links.get(0).click();
        browser.waitReady();
        assertEquals(deviceName, browser.waitFor("main h1").getText());
    }

    @Test
    void reportIsGeneratedListedAndOpened() {
        browser.open("#/reports");
        browser.waitFor("form.stack button[type='submit']").click();
        browser.until(d -> d.getCurrentUrl().matches(".*#/reports/[^/]+$"));
        browser.waitReady();
        WebElement title = browser.waitFor("article.report h1");
        assertFalse(title.getText().isBlank(), "report title");
        assertFalse(browser.driver().findElements(By.cssSelector("article.report section")).isEmpty(), "report sections");
        browser.open("#/reports");
        WebElement link = browser.waitFor("a.report-link");
        String id = link.findElement(By.xpath("ancestor::tr")).getDomAttribute("data-report-id");
        link.click();
        browser.waitReady();
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/reports/" + id));
        assertFalse(browser.waitFor("article.report h1").getText().isBlank(), "opened report has a title");
    }

    @Test
    void statusShowsTheApplianceFacts() {
        browser.open("#/status");
        browser.waitFor("dl.facts");
        String text = browser.driver().findElement(By.cssSelector("main")).getText();
        for (String fact : List.of("Version", "Uptime", "Database", "Memory")) {
            assertTrue(text.contains(fact), "status shows " + fact + ": " + text);
        }
        assertTrue(text.contains("Ollama") || text.contains("AI status: not available"), text);
    }

    /** A reading sent over MQTT is stored, and the Status page's data intake card shows the connection and counts. */
    @Test
    void statusShowsMqttIntakeAfterAReadingArrivesOverMqtt() {
        JsonObject pos = siteDevices().stream().filter(d -> "pos_terminal".equals(d.getString("type"))).findFirst()
                .orElseThrow();
        long id = pos.getJsonNumber("id").longValue();
        String ts = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        org.junit.jupiter.api.Assumptions.assumeTrue(appliance.publish("{\"device_id\":" + id
                + ",\"metric\":\"latency_ms\",\"ts\":\"" + ts + "\",\"value\":47.5}"), "external appliance: no broker");
        long deadline = System.currentTimeMillis() + 20_000;
        JsonObject mqtt = null;
        while (System.currentTimeMillis() < deadline) {
            mqtt = api.get("/api/ai/status").json().asJsonObject().getJsonObject("mqtt");
            if (mqtt != null && mqtt.getJsonNumber("messages_committed").longValue() >= 1) {
                break;
            }
            sleep(100);
        }
        assertTrue(mqtt != null && mqtt.getJsonNumber("messages_committed").longValue() >= 1, "MQTT reading stored: " + mqtt);
        browser.open("#/status");
        browser.waitFor("dl.facts");
        String text = browser.until(d -> {
            String t = d.findElement(By.cssSelector("main")).getText();
            return t.contains("Messages stored") ? t : null;
        });
        for (String fact : List.of("Data intake", "MQTT", "Connected", appliance.mqttBroker(), "Messages stored")) {
            assertTrue(text.contains(fact), "status shows " + fact + ": " + text);
        }
    }

    /** A device whose readings began an hour ago says on its page which series is still learning, and for how long. */
    @Test
    void aNewDeviceSaysItIsStillLearning() {
        JsonObject site = ApiClient.listOf(api.get("/api/sites").json(), "sites").getJsonObject(0);
        ApiClient.Reply created = api.post("/api/devices", "{\"site_id\": " + site.get("id")
                + ", \"type\": \"temperature_sensor\", \"name\": \"Learning probe " + System.nanoTime()
                + "\", \"location\": \"Lab\"}");
        assertTrue(created.status() == 200 || created.status() == 201, created.status() + " " + created.body());
        String id = created.object().get("id").toString();
        java.time.Instant start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(3600);
        java.util.StringJoiner samples = new java.util.StringJoiner(",", "{\"samples\":[", "]}");
        for (int i = 0; i < 60; i++) {
            samples.add("{\"device_id\":" + id + ",\"metric\":\"temperature\",\"ts\":\"" + start.plusSeconds(60L * i)
                    + "\",\"value\":" + (21 + 0.1 * (i % 3)) + "}");
        }
        assertEquals(200, api.post("/api/ingest", samples.toString()).status());
        long deadline = System.currentTimeMillis() + 20_000;
        JsonObject health = null;
        while (System.currentTimeMillis() < deadline) {
            health = api.get("/api/devices/" + id + "/health").json().asJsonObject();
            if (health.containsKey("learning") && !health.getJsonArray("learning").isEmpty()) {
                break;
            }
            sleep(100);
        }
        assertEquals(1, health.getJsonArray("learning").size(), "one series learning: " + health);
        JsonObject learning = health.getJsonArray("learning").getJsonObject(0);
        assertEquals("temperature", learning.getString("metric"), health.toString());
        assertEquals(23.1, learning.getJsonNumber("remaining_hours").doubleValue(), 1e-9, health.toString()); // 1381 min, rounded up

        browser.open("#/devices/" + id);
        String note = browser.waitFor(".learning-note").getText();
        assertTrue(note.contains("Still learning") && note.contains("23.1 h of data left"), note);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void keyboardUsersGetASkipLinkAndLabelledControls() {
        browser.open("#/devices");
        browser.waitFor("table.data-table");
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.driver().switchTo().activeElement();
        assertEquals("Skip to content", focused.getText());
        focused.sendKeys(Keys.ENTER);
        assertEquals("main", browser.js("return document.activeElement.id"));
        for (String route : List.of("#/devices", "#/ask", "#/reports")) {
            browser.open(route);
            browser.waitFor("main form");
            Object unlabelled = browser.js("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                    + ".filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label')).map(c => c.outerHTML)");
            assertEquals(List.of(), unlabelled, "unlabelled controls on " + route);
        }
        // sortable headers are buttons and keep focus after sorting
        browser.open("#/devices");
        WebElement sortByName = browser.waitFor("button.sort[data-sort='name']");
        sortByName.sendKeys(Keys.ENTER);
        assertEquals("ascending", browser.driver().findElement(By.xpath("//th[.//button[@data-sort='name']]")).getDomAttribute("aria-sort"));
    }

    @Test
    void pagesFitAPhoneScreen() {
        try {
            browser.resize(390, 844);
            for (String route : List.of("#/", "#/devices", "#/devices/" + firstDeviceId(), "#/ask", "#/reports", "#/status")) {
                browser.open(route);
                browser.until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
                Object overflow = browser.js("return document.documentElement.scrollWidth - window.innerWidth;");
                assertTrue(((Number) overflow).intValue() <= 0, route + " scrolls sideways by " + overflow + " px on a phone");
            }
        } finally {
            browser.resize(1366, 768);
        }
    }

    @Test
    void firstRenderOfTheOverviewIsFast() throws IOException {
        browser.open("#/"); // warm the server's static-content cache
        browser.driver().navigate().refresh();
        browser.waitReady();
        Number ms = browser.until(d -> (Number) browser.js(
                "const m = performance.getEntriesByName('homepot-first-render'); return m.length ? m[0].startTime : null;"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ui-first-render-ms.txt"), Math.round(ms.doubleValue()) + "\n");
        System.out.println("UI: overview first render with data " + Math.round(ms.doubleValue()) + " ms");
        // the 1 s target is measured and reported; the assertion only guards against something pathological
        assertTrue(ms.doubleValue() < 5000, "first render took " + ms + " ms");
    }

    private String firstDeviceId() {
        JsonValue id = siteDevices().get(0).get("id");
        return id.toString();
    }
}

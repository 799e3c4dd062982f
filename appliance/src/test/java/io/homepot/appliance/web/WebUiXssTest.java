package io.homepot.appliance.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * A device named {@code <img src=x onerror=alert(1)>}, created through the API, shows as literal text on every
 * page that lists it: no injected element, no script run, no alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({UiApplianceExtension.class, UiFailureWatcher.class})
class WebUiXssTest implements UiFailureWatcher.HasBrowser {

    static final String EVIL = "<img src=x onerror=alert(1)>";

    private UiAppliance appliance;
    private Browser browser;
    private String deviceId;

    @BeforeAll
    void start(UiAppliance shared) {
        appliance = shared;
        ApiClient api = new ApiClient(appliance.baseUrl());
        deviceId = XssFixture.createEvilDevice(api, EVIL);
        browser = new Browser(appliance.baseUrl(), 1366, 768);
    }

    @AfterAll
    void stop() {
        try {
            new ApiClient(appliance.baseUrl()).delete("/api/devices/" + deviceId); // leave the shared demo site as it was
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

    @Test
    void deviceNameRendersAsTextEverywhere() {
        browser.open("#/");
        browser.waitFor(".type-card .device-chip");
        assertLiteral(".type-grid [data-device-id='" + deviceId + "'] a");

        browser.open("#/devices");
        browser.waitFor("table.data-table");
        assertLiteral("tr[data-device-id='" + deviceId + "'] a.device-link");

        browser.open("#/devices/" + deviceId);
        assertEquals(EVIL, browser.waitFor("main h1").getText());
        assertNothingInjected();

        browser.open("#/reports");
        browser.waitFor("form.stack select option");
        assertNothingInjected();
        assertTrue(browser.driver().findElements(By.cssSelector("form.stack option")).stream()
                .anyMatch(o -> EVIL.equals(o.getText())), "device listed in the report form as text");
        ConsoleCheck console = new ConsoleCheck(browser.consoleLog());
        assertEquals(List.of(), console.errors, "browser console errors");
        assertEquals(List.of(), console.missingEndpoints, "API endpoints the UI calls answered 404/405/501");
    }

    private void assertLiteral(String css) {
        assertEquals(EVIL, browser.waitFor(css).getText());
        assertNothingInjected();
    }

    private void assertNothingInjected() {
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), "an alert opened");
        assertEquals(0L, browser.js("return document.querySelectorAll('main img').length"), "an <img> was injected");
        assertFalse(browser.driver().getPageSource().contains("<img src=\"x\""), "raw markup in the DOM");
    }

    /** Setup through the appliance's API. */
    static final class XssFixture {
        private XssFixture() {
        }

        static String createEvilDevice(ApiClient api, String name) {
            JsonObject site = ApiClient.listOf(api.get("/api/sites").json(), "sites").getJsonObject(0);
            // reuse it when it exists (an external appliance that ran this test before)
            for (var v : ApiClient.listOf(api.get("/api/devices?site=" + site.get("id") + "&limit=1000").json(), "devices")) {
                if (name.equals(v.asJsonObject().getString("name"))) {
                    return v.asJsonObject().get("id").toString();
                }
            }
            ApiClient.Reply r = api.post("/api/devices", "{\"site_id\": " + site.get("id") + ", \"type\": \"temperature_sensor\", \"name\": \""
                    + name.replace("\"", "\\\"") + "\", \"location\": \"Lab\"}");
            assertTrue(r.status() == 200 || r.status() == 201, "device created: " + r.status() + " " + r.body());
            return r.object().get("id").toString();
        }
    }
}

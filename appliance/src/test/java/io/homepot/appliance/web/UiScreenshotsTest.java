package io.homepot.appliance.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;

/**
 * Writes the README screenshots ({@code docs/ui/*.png}, 1366×768, plus the overview on a phone) from the demo site.
 * Runs only on request, so a normal build never rewrites committed files:
 * {@code mvn -pl appliance test -Dtest=UiScreenshotsTest -Dhomepot.ui.screenshots=true}.
 */
@EnabledIfSystemProperty(named = "homepot.ui.screenshots", matches = "true")
@ExtendWith({UiApplianceExtension.class, UiFailureWatcher.class})
class UiScreenshotsTest implements UiFailureWatcher.HasBrowser {

    private Browser browser;

    @Override
    public Browser browser() {
        return browser;
    }

    @Test
    void writeScreenshots(UiAppliance appliance) throws IOException {
        Path dir = Path.of(System.getProperty("homepot.ui.screenshotDir", "../docs/ui"));
        Files.createDirectories(dir);
        int height = Integer.getInteger("homepot.ui.screenshotHeight", 768);
        try (Browser b = new Browser(appliance.baseUrl(), 1366, height)) {
            browser = b;
            b.open("#/");
            b.waitFor(".type-card .device-chip");
            settle();
            save(dir, "overview");

            b.open("#/devices");
            b.waitFor("table.data-table");
            save(dir, "devices");

            String worst = b.waitFor("table.data-table tbody tr").getDomAttribute("data-device-id");
            b.open("#/devices/" + worst);
            b.until(d -> !d.findElements(By.cssSelector(".chart-plot canvas")).isEmpty());
            settle();
            save(dir, "device");

            b.open("#/ask");
            b.waitFor("textarea#ask-question").sendKeys("What is the status of the server room sensors and HVAC-01?");
            b.driver().findElement(By.cssSelector("form.ask-form button[type='submit']")).click();
            b.until(d -> {
                String s = d.findElement(By.cssSelector(".answer")).getDomAttribute("data-state");
                return "done".equals(s) || "error".equals(s);
            });
            b.js("document.activeElement.blur(); window.scrollTo(0, 0);");
            save(dir, "ask");

            b.open("#/reports");
            b.waitFor("form.stack button[type='submit']").click(); // a site report, so the list is not empty
            b.until(d -> d.getCurrentUrl().matches(".*#/reports/[^/]+$"));
            b.waitReady();
            b.waitFor("article.report h1");
            save(dir, "report");
            b.open("#/reports");
            b.waitFor("a.report-link");
            settle();
            save(dir, "reports");

            b.open("#/status");
            b.waitFor("dl.facts");
            settle();
            save(dir, "status");

            b.resize(390, 844);
            b.open("#/");
            b.waitFor(".type-card .device-chip");
            settle();
            save(dir, "overview-phone");
        }
    }

    /** Lets the panels that load after the first render (insights, sparklines, AI panels) finish. */
    private void settle() {
        browser.until(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
    }

    private void save(Path dir, String name) throws IOException {
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.getTagName();
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
        System.out.println("UI screenshot: " + dir.resolve(name + ".png"));
    }
}

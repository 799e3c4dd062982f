package io.homepot.appliance.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through Debian's {@code chromium} and {@code chromedriver} binaries. Both paths are
 * explicit, so Selenium Manager never tries to download a driver; if the driver cannot start the constructor
 * throws and the test fails (browser tests never skip).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("homepot.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("homepot.chromedriver", "/usr/bin/chromedriver");

    private final Path profileDir;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final String baseUrl;
    private final List<LogEntry> history = new ArrayList<>();

    Browser(String baseUrl, int width, int height) {
        this.baseUrl = baseUrl;
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        try {
            profileDir = Files.createTempDirectory("homepot-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(CHROMIUM));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--user-data-dir=" + profileDir, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw new IllegalStateException("ChromeDriver could not start (" + CHROMEDRIVER + ", " + CHROMIUM + ")", e);
        }
        driver = started;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        resize(width, height);
    }

    WebDriver driver() {
        return driver;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Sets the viewport (not the window) to exactly width × height CSS pixels. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        Map<?, ?> inner = (Map<?, ?>) js("return {w: window.innerWidth, h: window.innerHeight};");
        int dw = width - ((Number) inner.get("w")).intValue();
        int dh = height - ((Number) inner.get("h")).intValue();
        if (dw != 0 || dh != 0) {
            driver.manage().window().setSize(new Dimension(width + dw, height + dh));
        }
    }

    /** Opens an app route ("#/devices") and waits until the router has rendered it. */
    void open(String hashRoute) {
        String url = baseUrl + "/" + hashRoute;
        // a hash-only change is a same-document navigation: clear the ready marker so waitReady sees the new page
        js("var m = document.querySelector('main'); if (m) m.removeAttribute('data-ready');");
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh();
        } else {
            driver.get(url);
        }
        waitReady();
    }

    /** Waits for the router's ready marker after a navigation. */
    void waitReady() {
        until(d -> !d.findElements(By.cssSelector("main[data-ready]")).isEmpty());
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    WebElement waitFor(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Browser console entries since the last call (also kept for {@link #consoleHistory()}). */
    List<LogEntry> consoleLog() {
        List<LogEntry> fresh = driver.manage().logs().get(LogType.BROWSER).getAll();
        history.addAll(fresh);
        return fresh;
    }

    /** Every console entry read so far in this browser session, oldest first. */
    List<LogEntry> consoleHistory() {
        consoleLog();
        return List.copyOf(history);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profileDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir: best effort
        }
    }
}

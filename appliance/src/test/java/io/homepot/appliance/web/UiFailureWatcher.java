package io.homepot.appliance.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * JUnit extension: when a browser test fails, saves a screenshot, the page source and the console log under
 * {@code target/ui-failures/}. The test instance provides the browser through {@link HasBrowser}.
 */
final class UiFailureWatcher implements TestWatcher {

    /** Implemented by browser test classes so the watcher can reach the driver. */
    interface HasBrowser {
        Browser browser();
    }

    static final Path DIR = Path.of("target", "ui-failures");

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Optional<Object> instance = context.getTestInstance();
        if (instance.isEmpty() || !(instance.get() instanceof HasBrowser has) || has.browser() == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(DIR);
            WebDriver driver = has.browser().driver();
            Files.write(DIR.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(DIR.resolve(name + ".html"), driver.getCurrentUrl() + "\n" + driver.getPageSource(), StandardCharsets.UTF_8);
            StringBuilder log = new StringBuilder();
            has.browser().consoleHistory().forEach(e -> log.append(e).append('\n'));
            Files.writeString(DIR.resolve(name + ".console.txt"), log.toString(), StandardCharsets.UTF_8);
            System.err.println("UI failure artefacts: " + DIR.toAbsolutePath().resolve(name) + ".{png,html,console.txt}");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save UI failure artefacts for " + name + ": " + e);
        }
    }
}

package dev.memax.server.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for tests: Debian's headless {@code chromium} driven through its
 * {@code chromedriver} ({@code infra/dev/browser.sh} installs both for {@code make test}; the paths
 * can be set with {@code MEMAX_CHROMIUM} and {@code MEMAX_CHROMEDRIVER}). Both are named
 * explicitly, so Selenium Manager never tries to download a driver. Where no Chromium can be
 * installed the calling test is skipped, saying why.
 */
public final class Browser {
    private Browser() {}

    public static ChromeDriver start() {
        String chromium = System.getenv().getOrDefault("MEMAX_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("MEMAX_CHROMEDRIVER", "/usr/bin/chromedriver");
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of(chromium)) && Files.isExecutable(Path.of(driver)),
                "browser tests skipped: no " + chromium + " or " + driver
                        + " (make test installs Debian's chromium and chromium-driver; set MEMAX_CHROMIUM/MEMAX_CHROMEDRIVER)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver))
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }
}

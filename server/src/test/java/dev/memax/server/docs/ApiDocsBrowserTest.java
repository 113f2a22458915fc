package dev.memax.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Browser;
import dev.memax.server.testing.MemaxServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The API reference page in a real browser: its scripts run under the server's security headers,
 * it loads the contract from this server and renders every tag, with nothing failing in the console.
 */
class ApiDocsBrowserTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    @Test
    void theReferencePageRendersTheContract() {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(SERVER.server().uri().resolve("/docs").toString());
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));
            assertThat(browser.getTitle()).isEqualTo("Memax API reference");
            assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
                    .contains("Memax");
            List<String> tags = browser.findElements(By.cssSelector(".opblock-tag")).stream()
                    .map(e -> e.getAttribute("data-tag"))
                    .toList();
            assertThat(tags).contains("Memories", "OAuth", "Auth");
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .map(LogEntry::getMessage)
                    .toList();
            assertThat(errors).as("console errors").isEmpty();
        } finally {
            browser.quit();
        }
    }
}

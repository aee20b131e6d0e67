package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Swagger console as a person uses it, in a real headless Chromium: opened through
 * {@code 127.0.0.1} on the test's random port, "Try it out" then "Execute" with the console's
 * prefilled defaults answers 200 on {@code /v1/generate} and shows a stream on {@code /v1/stream};
 * {@code X-Request-Id} is left empty, so each try gets an id of its own. (Every request example the console
 * sends is also sent by {@code ContractTest}, without a browser.)
 * Screenshots land in {@code target/console-screenshots}. Needs Debian's {@code chromium} and
 * {@code chromium-driver} (.ci/run installs them); without them the test is skipped, except under CI.
 */
@QuarkusTest
class ConsoleInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Path profile;
    private static ChromeDriver browser;

    @TestHTTPResource("/q/swagger-ui/")
    URL console;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
        }
        assertThat(installed).as("%s and %s (apt-get install chromium chromium-driver)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        profile = Files.createTempDirectory("switchboard-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,2400", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "generate | \"content\"       | \"provider\": \"mock\"",
            "stream   | event: text_delta | event: done" })
    void should_answer_200_when_an_operation_is_tried_out_with_the_console_defaults(String name, String shows,
            String alsoShows) throws IOException {
        WebElement operation = tryOut(name);

        assertThat(liveStatus(operation)).isEqualTo("200");
        assertThat(liveBody(operation)).contains(shows).contains(alsoShows);
        assertThat(requestUrl(operation)).startsWith(origin() + "/v1/" + name);
        screenshot(name);
    }

    /**
     * Opens the console (once: each operation is tried on the same page), expands the operation, presses "Try it
     * out" (checking that the request id is left empty) and "Execute", waits for the answer.
     */
    private WebElement tryOut(String operationId) {
        String page = origin() + console.getPath();
        if (!browser.getCurrentUrl().startsWith(page)) {
            browser.get(page);
        }
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        By block = By.id("operations-generation-" + operationId);
        WebElement operation = wait.until(ExpectedConditions.presenceOfElementLocated(block));
        click(operation.findElement(By.cssSelector(".opblock-summary-control")));
        click(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#operations-generation-" + operationId + " .try-out__btn"))));
        WebElement requestId = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#operations-generation-" + operationId + " tr[data-param-name='X-Request-Id'] input")));
        assertThat(requestId.getDomProperty("value")).as("the X-Request-Id the console fills in").isEmpty();
        click(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#operations-generation-" + operationId + " .btn.execute"))));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#operations-generation-" + operationId + " .live-responses-table tr.response")));
        return browser.findElement(block);
    }

    private void click(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static String liveStatus(WebElement operation) {
        return operation.findElement(By.cssSelector(".live-responses-table tr.response .response-col_status")).getText()
                .strip();
    }

    private static String liveBody(WebElement operation) {
        return operation.findElements(By.cssSelector(".live-responses-table tr.response .response-col_description pre"))
                .stream().map(WebElement::getText).collect(Collectors.joining("\n"));
    }

    private static String requestUrl(WebElement operation) {
        return operation.findElement(By.cssSelector(".request-url pre")).getText().strip();
    }

    private String origin() {
        // by address, not as localhost: the console must call the origin it was loaded from, whatever it is
        return "http://127.0.0.1:" + console.getPort();
    }

    private void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}

package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenWithAdminKey;

/**
 * The operator console at {@code /console} and the Swagger console, as a person uses them, in a real headless
 * Chromium opened through {@code 127.0.0.1} on the test's random port (one application start: the admin API on, the
 * API open, the tests' mock providers).
 * <p>
 * The operator console, in order: signing in with an admin key (a wrong one is refused), a route created (an API
 * validation error shown next to the field it names), the playground streaming the mock's answer through that route
 * and a provider's thinking and tool calls, the route muted and deleted, the overview's charts moving after that
 * traffic, and a virtual key created (its secret shown once) and revoked; the keys steps are skipped while the
 * gateway serves no {@code /v1/keys}. Each page is photographed at 1280×800 and 390×844.
 * <p>
 * The Swagger console as a person uses it, in a real headless Chromium: opened through
 * {@code 127.0.0.1} on the test's random port, "Try it out" then "Execute" with the console's
 * prefilled defaults answers 200 on {@code /v1/generate} and shows a stream on {@code /v1/stream};
 * {@code X-Request-Id} is left empty, so each try gets an id of its own. (Every request example the console
 * sends is also sent by {@code ContractTest}, without a browser.)
 * Screenshots land in {@code target/console-screenshots}. Needs Debian's {@code chromium} and
 * {@code chromium-driver} (.ci/run installs them); without them the test is skipped, except under CI.
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final Dimension LAPTOP = new Dimension(1280, 800);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final String ROUTE = "console-room";
    private static final String KEY_NAME = "console-key";

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

    @Test
    @Order(1)
    void should_sign_in_with_an_admin_key_and_refuse_another() throws IOException {
        browser.get(origin() + "/console");
        screenshots("console-sign-in");
        type(By.id("admin-key"), "not-an-admin-key");
        click(By.cssSelector("#sign-in-form button[type=submit]"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "not an admin key"));

        browser.findElement(By.id("admin-key")).clear();
        type(By.id("admin-key"), OpenWithAdminKey.ADMIN_KEY);
        click(By.cssSelector("#sign-in-form button[type=submit]"));
        waitFor(ExpectedConditions.urlContains("/console/overview"));
        assertThat(browser.getCurrentUrl()).doesNotContain(OpenWithAdminKey.ADMIN_KEY);
        assertThat(browser.getPageSource()).doesNotContain(OpenWithAdminKey.ADMIN_KEY);
    }

    @Test
    @Order(2)
    void should_create_a_route_showing_the_apis_field_error_next_to_its_field() throws IOException {
        open("routes");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#routes tr[data-route='assistant']")));
        assertThat(browser.findElement(By.cssSelector("#routes tr[data-route='assistant']")).getText())
                .contains("read-only");
        type(By.id("route-name"), ROUTE);
        type(By.id("route-targets"), "mock, nowhere");
        type(By.id("route-system-prompt"), "You answer the console room.");
        type(By.id("route-temperature"), "0.3");
        click(By.id("route-save"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("route-targets-error"),
                "targets[1]: unknown provider"));
        assertThat(browser.findElement(By.id("route-targets")).getDomAttribute("aria-invalid")).isEqualTo("true");

        browser.findElement(By.id("route-targets")).clear();
        type(By.id("route-targets"), "mock");
        click(By.id("route-save"));
        waitFor(ExpectedConditions.presenceOfElementLocated(routeState("live")));
        screenshots("console-routes");
    }

    @Test
    @Order(3)
    void should_stream_the_mocks_answer_through_the_route_in_the_playground() throws IOException {
        open("playground");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#play-target option[value='" + ROUTE + "']")));
        new Select(browser.findElement(By.id("play-target"))).selectByValue(ROUTE);
        type(By.id("play-message"), "Hello, room!");
        click(By.id("play-send"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("play-text"), "Hello from the mock provider."));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#play-meta [data-meta='request id']")));
        assertThat(browser.findElement(By.cssSelector("#play-meta [data-meta='attempts']")).getText()).isEqualTo("1");
        String curl = browser.findElement(By.id("play-curl")).getText();
        assertThat(curl).contains("/v1/stream?provider=" + ROUTE).contains("$SWITCHBOARD_KEY").contains("Hello, room!")
                .doesNotContain(OpenWithAdminKey.ADMIN_KEY);

        new Select(browser.findElement(By.id("play-target"))).selectByValue("mock-tools");
        click(By.id("play-send"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("play-tools"), "get_weather"));
        assertThat(browser.findElement(By.id("play-text")).getText()).isEqualTo("Let me check the weather.");
        WebElement thinking = browser.findElement(By.id("play-thinking-box"));
        assertThat(thinking.isDisplayed()).isTrue();
        click(thinking.findElement(By.tagName("summary")));
        assertThat(browser.findElement(By.id("play-thinking")).getText()).contains("weather in Paris");
        screenshots("console-playground");
    }

    @Test
    @Order(4)
    void should_mute_unmute_and_delete_the_route() {
        open("routes");
        click(waitFor(ExpectedConditions.elementToBeClickable(routeAction("mute"))));
        waitFor(ExpectedConditions.presenceOfElementLocated(routeState("muted")));
        click(waitFor(ExpectedConditions.elementToBeClickable(routeAction("unmute"))));
        waitFor(ExpectedConditions.presenceOfElementLocated(routeState("live")));
        click(waitFor(ExpectedConditions.elementToBeClickable(routeAction("mute"))));
        waitFor(ExpectedConditions.presenceOfElementLocated(routeState("muted")));
        click(waitFor(ExpectedConditions.elementToBeClickable(routeAction("delete"))));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(routeAction("delete"), "Confirm"));
        click(routeAction("delete"));
        waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#routes tr[data-route='" + ROUTE + "']")));
    }

    @Test
    @Order(5)
    void should_show_the_traffic_in_the_overviews_charts() throws IOException {
        open("overview");
        waitFor(driver -> peak("rps") > 0 && peak("latency") > 0 && peak("ttft") > 0);
        assertThat(browser.findElements(By.cssSelector("[data-chart] canvas"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.findElement(By.cssSelector("#providers tr[data-provider='mock']")).getText())
                .contains("closed");
        screenshots("console-overview");
    }

    @Test
    @Order(6)
    void should_create_a_key_show_its_secret_once_and_revoke_it() throws IOException {
        open("keys");
        int keys = given().header("Authorization", "Bearer " + OpenWithAdminKey.ADMIN_KEY).get("/v1/keys").statusCode();
        if (keys == 404) {
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("keys-unavailable")));
            screenshots("console-keys");
        }
        Assumptions.assumeTrue(keys != 404, "the gateway serves no /v1/keys yet");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
        type(By.id("key-name"), KEY_NAME);
        type(By.id("key-rpm"), "60");
        type(By.id("key-budget"), "5");
        new Select(browser.findElement(By.id("key-budget-period"))).selectByValue("month");
        click(By.id("key-create"));
        WebElement secret = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("key-secret-value")));
        assertThat(secret.getDomProperty("value")).startsWith("sk-sb-");
        By row = By.cssSelector("#keys tr[data-key='" + KEY_NAME + "']");
        waitFor(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(browser.findElement(row).findElements(By.tagName("meter"))).hasSize(1);
        assertThat(browser.findElement(row).getText()).contains("60 req/min").contains("$5");
        screenshots("console-keys");
        click(By.id("key-secret-copy"));
        click(By.id("key-secret-done"));
        assertThat(browser.findElement(By.id("key-secret-value")).getDomProperty("value")).isEmpty();

        By revoke = By.cssSelector("#keys tr[data-key='" + KEY_NAME + "'] button[data-action='revoke']");
        click(revoke);
        waitFor(ExpectedConditions.textToBePresentInElementLocated(revoke, "Confirm"));
        click(revoke);
        waitFor(ExpectedConditions.invisibilityOfElementLocated(row));
    }

    private void open(String page) {
        browser.get(origin() + "/console/" + page);
    }

    private static By routeAction(String action) {
        return By.cssSelector("#routes tr[data-route='" + ROUTE + "'] button[data-action='" + action + "']");
    }

    private static By routeState(String state) {
        return By.cssSelector("#routes tr[data-route='" + ROUTE + "'] [data-state='" + state + "']");
    }

    private double peak(String chart) {
        String peak = browser.findElement(By.cssSelector("[data-chart='" + chart + "']")).getDomAttribute("data-peak");
        return peak == null ? 0 : Double.parseDouble(peak);
    }

    private <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, QUICK).until(condition);
    }

    private void type(By field, String text) {
        browser.findElement(field).sendKeys(text);
    }

    private void click(By element) {
        click(browser.findElement(element));
    }

    /** The page at exactly a laptop's viewport and a phone's (a phone's as a mobile device), then as it was. */
    private void screenshots(String name) throws IOException {
        screenshot(name, LAPTOP, false);
        screenshot(name, PHONE, true);
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private void screenshot(String name, Dimension size, boolean mobile) throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(), "height",
                size.getHeight(), "deviceScaleFactor", 1, "mobile", mobile));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot(name + "-" + size.getWidth() + "x" + size.getHeight());
    }

    @ParameterizedTest(name = "{0}")
    @Order(100)
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

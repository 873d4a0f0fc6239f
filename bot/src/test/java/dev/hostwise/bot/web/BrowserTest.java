package dev.hostwise.bot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostwise.bot.Env;
import dev.hostwise.bot.RecordedVerdict;
import dev.hostwise.bot.Platform;
import dev.hostwise.bot.Requester;
import dev.hostwise.knowledge.ScenarioField;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Local mode in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}): a new
 * user fills the form, lands on the verdict page and sees the recommendation and the chart.
 */
class BrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    private WebFixture web;
    private ChromeDriver browser;

    @BeforeEach
    void start() {
        // a missing browser must fail the build, not skip the test
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + "; install them with: apt-get install -y chromium chromium-driver");
        }
        web = new WebFixture(new Env(Map.of("HOSTWISE_DATA_DIR", dataDir.toString())), true);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,2200", "--user-data-dir=" + profile);
        // the driver path is given, so Selenium Manager (which would go to the network) is skipped
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
    }

    private void open(String path) {
        browser.get(web.uri(path).toString());
    }

    @Test
    void aNewUserFillsTheFormAndLandsOnTheVerdictWithItsChart() throws Exception {
        open("/");
        assertThat(browser.getTitle()).isEqualTo("Hostwise");
        // the defaults are already there
        assertThat(browser.findElement(By.name("tokensPerRequest")).getDomProperty("value")).isEqualTo("1200");

        browser.findElement(By.name("requestsPerDay")).sendKeys("100,000");
        new Select(browser.findElement(By.name("taskType"))).selectByValue("CLASSIFICATION");
        new Select(browser.findElement(By.name("qualityNeed"))).selectByValue("GOOD_ENOUGH");
        new Select(browser.findElement(By.name("privacyNeed"))).selectByValue("MUST_STAY_IN_HOUSE");
        submit(browser.findElement(By.id("decide")));

        assertThat(browser.getCurrentUrl()).matches(".*/v/[A-Za-z0-9_-]{24}");
        assertThat(browser.findElement(By.id("recommendation")).getText()).isEqualTo("Stay on the hosted API");
        assertThat(browser.findElement(By.id("verdict-id")).getText()).matches("HW-\\d{4}-0001");
        WebElement breakEven = browser.findElement(By.cssSelector("svg.chart #break-even"));
        assertThat(breakEven.isDisplayed()).isTrue();
        assertThat(breakEven.getText()).contains("Break-even, GPUs + ops: 190,667 req/day");
        assertThat(browser.findElement(By.cssSelector("svg.chart #your-volume")).getText()).contains("100,000 req/day");
        // the stylesheet loaded under the page's CSP: the header has its dark background
        assertThat(browser.findElement(By.cssSelector("header.site")).getCssValue("background-color")).isEqualTo("rgba(17, 24, 39, 1)");
        screenshot("verdict-page.png");
    }

    @Test
    void aMistakeShowsItsMessageUnderTheFieldAndKeepsWhatWasTyped() throws Exception {
        open("/");
        browser.findElement(By.name("requestsPerDay")).sendKeys("lots");
        browser.findElement(By.name("utilization")).clear();
        browser.findElement(By.name("utilization")).sendKeys("150%");
        new Select(browser.findElement(By.name("taskType"))).selectByValue("RAG_QA");
        submit(browser.findElement(By.id("decide")));

        assertThat(browser.findElement(By.id("form-errors")).getText()).contains("4 fields need fixing.");
        assertThat(browser.findElement(By.id("err-requestsPerDay")).getText()).startsWith("requestsPerDay 'lots'");
        assertThat(browser.findElement(By.id("err-utilization")).getText()).startsWith("utilization ").contains("is above the limit of 1");
        assertThat(browser.findElement(By.id("err-qualityNeed")).getText()).contains("is required");
        assertThat(browser.findElement(By.name("requestsPerDay")).getDomProperty("value")).isEqualTo("lots");
        assertThat(browser.findElement(By.name("utilization")).getDomProperty("value")).isEqualTo("150%");
        assertThat(new Select(browser.findElement(By.name("taskType"))).getFirstSelectedOption().getDomProperty("value"))
                .isEqualTo("RAG_QA");
        screenshot("form-errors.png");
    }

    @Test
    void scriptAndQuotesTypedIntoEveryInputRenderAsText() throws Exception {
        String xss = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>";
        open("/");
        List<WebElement> inputs = browser.findElements(By.cssSelector("form.scenario-form input[type=text]"));
        assertThat(inputs).hasSizeGreaterThan(10);
        for (WebElement input : inputs) {
            input.clear();
            input.sendKeys(xss);
        }
        submit(browser.findElement(By.id("decide")));

        assertNoAlert();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        for (ScenarioField f : ScenarioField.values()) {
            List<WebElement> input = browser.findElements(By.cssSelector("input[name='" + f.json() + "']"));
            if (!input.isEmpty()) {
                assertThat(input.get(0).getDomProperty("value")).as(f.json()).isEqualTo(xss);
            }
        }
        assertThat(browser.findElement(By.id("err-requestsPerDay")).getText()).contains(xss);

        // text from Slack (team, channel, user) on a verdict page
        RecordedVerdict r = web.hostwise().decideFor(web.hostwise().reader().fromJson(VerdictApiTest.SCENARIO),
                Requester.chat(Platform.SLACK, xss, xss, xss));
        open("/v/" + r.linkToken().orElseThrow());
        assertNoAlert();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        // the only image is the page's own tornado chart; the typed <img> stays text
        assertThat(browser.findElements(By.cssSelector("img:not(.chart)"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("dl.meta")).getText()).contains("Slack user " + xss);
    }

    @Test
    void markupTypedIntoAPickerAndATextBoxShowsAsTheTextTypedThroughTheTemplates() throws Exception {
        String typed = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>";
        open("/");
        // a hand-made request: a picker answer the form never offered, as a tampered or replayed POST would send
        ((JavascriptExecutor) browser).executeScript("const o = document.createElement('option');"
                + "o.value = arguments[0]; o.textContent = 'typed'; document.getElementById('f-taskType').append(o);"
                + "document.getElementById('f-taskType').value = arguments[0];", typed);
        browser.findElement(By.name("requestsPerDay")).sendKeys(typed);
        submit(browser.findElement(By.id("decide")));

        assertNoAlert();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getTitle()).startsWith("Fix ");
        // the picker keeps the answer, shown as the very text that was sent, and the messages quote it as text
        Select task = new Select(browser.findElement(By.name("taskType")));
        assertThat(task.getFirstSelectedOption().getDomProperty("value")).isEqualTo(typed);
        assertThat(task.getFirstSelectedOption().getText()).isEqualTo(typed);
        assertThat(browser.findElement(By.id("err-taskType")).getText()).contains(typed);
        assertThat(browser.findElement(By.id("err-requestsPerDay")).getText()).contains(typed);
        assertThat(browser.findElement(By.name("requestsPerDay")).getDomProperty("value")).isEqualTo(typed);
    }

    @Test
    void aStoredValueWithMarkupShowsAsTextOnTheCannotReEvaluatePage() throws Exception {
        // a verdict whose open model the catalog no longer lists, under a name full of markup
        String typed = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        dev.hostwise.bot.VerdictJson vj = new dev.hostwise.bot.VerdictJson();
        RecordedVerdict decided = web.hostwise().decideFor(web.hostwise().reader().fromJson(VerdictApiTest.SCENARIO), Requester.web());
        com.fasterxml.jackson.databind.node.ObjectNode node = vj.mapper().valueToTree(decided.verdict());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.get("scenario")).put("openModel", typed);
        var saved = web.hostwise().store().save(vj.read(node.toString()).withId("HW-PENDING"), Requester.api(), "test",
                java.util.Optional.empty(), List.of());
        open("/v/" + saved.linkToken());
        assertNoAlert();
        assertThat(browser.findElement(By.cssSelector("#scenario")).getText()).contains(typed);

        submit(browser.findElement(By.cssSelector("#actions button")));

        assertNoAlert();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This verdict cannot be decided on today's catalog");
        assertThat(browser.findElement(By.cssSelector("main ul")).getText()).startsWith("openModel").contains(typed);
    }

    @Test
    void reEvaluatingFromThePageOpensTheNewVerdict() throws Exception {
        RecordedVerdict first = web.hostwise().decideFor(web.hostwise().reader().fromJson(VerdictApiTest.SCENARIO), Requester.web());
        open("/v/" + first.linkToken().orElseThrow());
        submit(browser.findElement(By.cssSelector("#actions button")));
        assertThat(browser.getCurrentUrl()).doesNotEndWith(first.linkToken().get());
        // getText() is the rendered text, and the stylesheet sets the terms in capitals
        assertThat(browser.findElement(By.cssSelector("dl.meta")).getText()).containsIgnoringCase("Supersedes")
                .contains(first.verdict().id());
    }

    @Test
    void aLoadTestResultUploadedOnTheMeasureFirstPageOpensTheNewVerdict() throws Exception {
        RecordedVerdict first = web.hostwise().decideFor(web.hostwise().reader().fromJson(LoadTestUploadTest.NAMED), Requester.web());
        open("/v/" + first.linkToken().orElseThrow());
        assertThat(browser.findElement(By.id("recommendation")).getText()).isEqualTo("Measure first");
        assertThat(browser.findElement(By.cssSelector("#load-test pre.commands")).getText())
                .contains("vllm serve nvidia/Llama-3.3-70B-Instruct-FP8 --tensor-parallel-size 2");
        Path result = dataDir.resolve("hostwise-llama-3.3-70b-2xh100-80gb-fp8.json");
        Files.writeString(result, LoadTestUploadTest.resource("llama33-70b-2xh100-fp8-conc64.json"));
        // the form is pre-filled from the verdict's plan: only the file is chosen, and no script runs (the page's CSP)
        browser.findElement(By.cssSelector("#load-test input[type=file]")).sendKeys(result.toString());
        screenshot("load-test-upload.png");
        submit(browser.findElement(By.cssSelector("#load-test form button")));
        assertThat(browser.getCurrentUrl()).doesNotEndWith(first.linkToken().get());
        assertThat(browser.findElement(By.id("recommendation")).getText()).isEqualTo("Self-host");
        assertThat(browser.findElement(By.cssSelector("dl.meta")).getText()).containsIgnoringCase("Supersedes")
                .contains(first.verdict().id());
        assertThat(browser.findElement(By.id("figure-throughputEvidence")).getText()).contains("sha256:");
        assertNoAlert();
    }

    /** Clicks a submit button and waits until the next page has replaced this one and finished loading. */
    private void submit(WebElement button) {
        button.click();
        // while the old document goes away, ChromeDriver may answer "node does not belong to the
        // document" instead of "stale element": both mean the page is changing, so keep waiting
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(button));
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}

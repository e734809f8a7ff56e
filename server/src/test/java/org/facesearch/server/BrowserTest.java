package org.facesearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.facesearch.store.keys.ApiKeys;
import org.facesearch.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in headless Chromium: the page uploads the demo's photo of "Person A" through its file input,
 * draws the face box and shows ten look-alikes, all in view (wrapped into rows, no hidden scroll), names in
 * full, Person A's stored photos first and marked "likely the same person"; a click on one opens its stored
 * photo with the face's box and the profile link; a match's "blend" button shows the blended face beside the
 * two faces ({@code target/screenshots/blend.png}); a group photo of people not stored gets three boxes and
 * "no one in the database is likely this person" three times; a landscape, an 11 MB file and a text file
 * each get their clear message. The
 * results pages are kept under {@code target/screenshots/} (the group photo's as {@code results.png}); with
 * {@code -Dfacesearch.screenshot.update=true} a 960 px copy replaces {@code docs/screenshot.png} of the README.
 */
class BrowserTest {
    @TempDir
    Path home;

    @Test
    void uploadingAPhotoShowsTheLookAlikesStrip() throws Exception {
        Chromium.requireInstalled();
        try (ServerFixture fixture = new ServerFixture(home)) {
            TestGallery gallery = fixture.gallery();
            for (int column = 0; column < 8; column++) gallery.add("Person A", TestPhotos.gridCell(0, column), "png");
            for (int row = 1; row < TestPhotos.GRID_ROWS; row++) {
                for (int column : new int[] {0, 4, 9, 13}) {
                    // long names, to see that they are shown in full
                    gallery.add("Person " + (char) ('A' + row) + column + " Konstantinopolsky-Rimsky", TestPhotos.gridCell(row, column), "png");
                }
            }
            gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg");
            gallery.add("Eileen Collins", TestPhotos.bytes(TestPhotos.astronaut()), "png");
            fixture.start();
            Path query = Files.write(home.resolve("query-person-a.png"), TestPhotos.gridCell(0, 8));

            WebDriver browser = chromium();
            try {
                browser.get(fixture.url("/"));
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                browser.findElement(By.id("file")).sendKeys(query.toString());
                wait.until(d -> !d.findElements(By.cssSelector(".strip .match")).isEmpty());
                List<WebElement> matches = browser.findElements(By.cssSelector(".strip .match"));
                assertEquals(10, matches.size(), "ten look-alikes");
                assertEquals("Person A", matches.getFirst().findElement(By.className("name")).getText());
                assertEquals(1, browser.findElements(By.cssSelector("#photo-frame .box")).size(), "one box on the face");
                String summary = browser.findElement(By.id("summary")).getText();
                assertTrue(summary.matches("1 face found among \\d+ stored faces, searched in [0-9.]+ ms\\."), summary);
                assertEquals("likely the same person", matches.getFirst().findElement(By.className("badge")).getText());
                assertTrue(browser.findElement(By.cssSelector(".face .verdict")).getText().startsWith("Likely the same person: Person A"),
                        browser.findElement(By.cssSelector(".face .verdict")).getText());
                for (WebElement m : matches) {
                    if (!m.getText().contains("Person A")) assertTrue(m.findElements(By.className("badge")).isEmpty(), "a stranger is a look-alike: " + m.getText());
                }
                JavascriptExecutor js = (JavascriptExecutor) browser;
                assertEquals(Boolean.TRUE, js.executeScript("const s = document.querySelector('.strip'), r = s.getBoundingClientRect();"
                        + " return s.scrollWidth <= s.clientWidth && [...s.querySelectorAll('.match')].every(m => { const b = m.getBoundingClientRect();"
                        + " return b.left >= r.left - 1 && b.right <= r.right + 1 && b.right <= window.innerWidth; })"), "all ten in view, no hidden scroll");
                assertEquals(Boolean.TRUE, js.executeScript("return [...document.querySelectorAll('.match .name')]"
                        + ".every(n => n.scrollWidth <= n.clientWidth + 1 && n.scrollHeight <= n.clientHeight + 1)"), "every name shown in full");
                awaitThumbnails(browser, wait);
                screenshot(browser, "results-person-a.png");

                matches.getFirst().click();
                wait.until(d -> d.findElement(By.id("viewer")).isDisplayed()
                        && (Boolean) ((JavascriptExecutor) d).executeScript("const i = document.getElementById('viewer-photo'); return i.complete && i.naturalWidth > 0")
                        && !d.findElements(By.cssSelector("#viewer-frame .box")).isEmpty());
                assertEquals("Person A", browser.findElement(By.id("viewer-name")).getText());
                assertTrue(browser.findElement(By.id("viewer-profile")).getText().contains("Person A"), browser.findElement(By.id("viewer-profile")).getText());
                assertTrue(browser.getCurrentUrl().startsWith(fixture.url("/")) && !browser.getPageSource().contains("\"faceId\""), "the page, not raw JSON");
                screenshot(browser, "viewer.png");
                browser.findElement(By.id("viewer-close")).click();
                wait.until(d -> !d.findElement(By.id("viewer")).isDisplayed());

                matches.get(1).findElement(By.xpath("..")).findElement(By.className("blend")).click();
                wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                        "const i = document.querySelector('.blend-view img.blended'); return !!i && i.complete && i.naturalWidth === 256"));
                String caption = browser.findElement(By.className("blend-caption")).getText();
                assertTrue(caption.endsWith("blended"), caption);
                assertEquals(2, browser.findElements(By.cssSelector(".blend-view img")).size(), "the blend beside the match's thumbnail");
                assertEquals(1, browser.findElements(By.cssSelector(".blend-view canvas")).size(), "and beside the uploaded face");
                screenshot(browser, "blend.png");

                browser.findElement(By.id("file")).sendKeys(TestPhotos.groupPhoto().toString());
                wait.until(d -> d.findElements(By.cssSelector(".strip")).size() == 3);
                assertEquals(3, browser.findElements(By.cssSelector("#photo-frame .box")).size(), "a box on each of three faces");
                assertEquals(3, browser.findElements(By.cssSelector(".face .verdict.none")).size(), "none of the three women is stored");
                assertTrue(browser.findElement(By.cssSelector(".face .verdict.none")).getText().startsWith("No one in the database is likely this person"));
                awaitThumbnails(browser, wait);
                screenshot(browser, "results.png");

                assertMessage(browser, wait, TestPhotos.noFace(), "No face");
                byte[] big = new byte[11 << 20];
                new java.util.SplittableRandom(3).nextBytes(big);
                big[0] = (byte) 0xff;
                big[1] = (byte) 0xd8;
                big[2] = (byte) 0xff;
                assertMessage(browser, wait, Files.write(home.resolve("huge.jpg"), big), "too large");
                assertMessage(browser, wait, Files.writeString(home.resolve("notes.txt"), "not a photo"), "not an image");
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * With {@code http.require-key=true} the page asks for a key, says so when a key is refused, and with a valid
     * search key finds the look-alikes and shows their thumbnails (fetched with the key).
     */
    @Test
    void withRequireKeyThePageAsksForAKeyAndSearchesWithIt() throws Exception {
        Chromium.requireInstalled();
        try (ServerFixture fixture = new ServerFixture(home)) {
            TestGallery gallery = fixture.gallery();
            for (int column = 0; column < 3; column++) gallery.add("Person A", TestPhotos.gridCell(0, column), "png");
            gallery.add("Grace Hopper", TestPhotos.bytes(TestPhotos.singlePortrait()), "jpg");
            fixture.start(ServerFixture.requiringKeys());
            String key = ApiKeys.create(fixture.db.dsl(), ApiKeys.Role.SEARCH, "browser test").key();
            Path query = Files.write(home.resolve("query-person-a.png"), TestPhotos.gridCell(0, 8));

            WebDriver browser = chromium();
            try {
                browser.get(fixture.url("/"));
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(d -> d.findElement(By.id("key-form")).isDisplayed());
                assertEquals("This server requires an API key. Enter it above.", browser.findElement(By.id("message")).getText());

                useKey(browser, "fsk_not-a-key");
                wait.until(d -> d.findElement(By.id("key-form")).isDisplayed());
                assertEquals("The API key was refused (unknown or revoked). Enter another key above.", browser.findElement(By.id("message")).getText());

                useKey(browser, key);
                wait.until(d -> !d.findElement(By.id("stats")).getText().isEmpty());
                browser.findElement(By.id("file")).sendKeys(query.toString());
                wait.until(d -> !d.findElements(By.cssSelector(".strip .match")).isEmpty());
                assertEquals("Person A", browser.findElement(By.cssSelector(".strip .match .name")).getText());
                awaitThumbnails(browser, wait);
                assertEquals(key, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('facesearch.apiKey')"),
                        "kept for this tab");
            } finally {
                browser.quit();
            }
        }
    }

    private static void useKey(WebDriver browser, String key) {
        browser.findElement(By.id("key")).sendKeys(key);
        browser.findElement(By.id("key-use")).click();
    }

    private WebDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(home.resolve("chromium-profile")),
                "--window-size=1280,1000", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Uploads {@code file} and waits for the page's message, which must contain {@code expected}. */
    private static void assertMessage(WebDriver browser, WebDriverWait wait, Path file, String expected) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('message').hidden = true");
        browser.findElement(By.id("file")).sendKeys(file.toString());
        wait.until(d -> d.findElement(By.id("message")).isDisplayed());
        String message = browser.findElement(By.id("message")).getText();
        assertTrue(message.contains(expected), message);
    }

    /** Waits for the thumbnails in view (they load lazily: the ones further down load when scrolled to). */
    private static void awaitThumbnails(WebDriver browser, WebDriverWait wait) {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('.match img')].filter(i => i.getBoundingClientRect().top < window.innerHeight)"
                        + ".every(i => i.complete && i.naturalWidth > 0)"));
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), png);
        if (name.equals("results.png") && Boolean.getBoolean("facesearch.screenshot.update")) {
            BufferedImage full = ImageIO.read(new ByteArrayInputStream(png));
            int w = 960, h = full.getHeight() * w / full.getWidth();
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            small.createGraphics().drawImage(full.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
            Path docs = Files.createDirectories(Path.of("..", "docs"));
            ImageIO.write(small, "png", docs.resolve("screenshot.png").toFile());
        }
    }
}

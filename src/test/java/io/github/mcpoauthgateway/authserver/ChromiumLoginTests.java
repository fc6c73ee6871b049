package io.github.mcpoauthgateway.authserver;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browser flow in headless Chromium from Debian's {@code chromium} and
 * {@code chromium-driver} packages; skipped when they are not installed.
 */
class ChromiumLoginTests extends AbstractBrowserLoginTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@BeforeEach
	void requireChromium() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed) {
			System.err.println("ChromiumLoginTests skipped: install the browser with "
					+ "'apt-get install -y chromium chromium-driver' (.ci/run does)");
		}
		assumeTrue(installed, "Chromium not installed: apt-get install -y chromium chromium-driver");
	}

	@Override
	String signInWithBrowser(String authorizationUrl, String username, String password) {
		Path profile;
		try {
			profile = Files.createTempDirectory("chromium-profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// No sandbox: tests run as root in a container. No background traffic: the test
		// network is loopback only.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-extensions", "--disable-default-apps", "--no-first-run", "--no-default-browser-check",
				"--user-data-dir=" + profile);
		// The driver path is given, so Selenium Manager never tries to download one.
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		try {
			browser.get(authorizationUrl);
			browser.findElement(By.id("username")).sendKeys(username);
			browser.findElement(By.id("password")).sendKeys(password);
			browser.findElement(By.id("sign-in")).click();
			new WebDriverWait(browser, Duration.ofSeconds(15))
				.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("done")),
						ExpectedConditions.presenceOfElementLocated(By.id("error"))));
			return browser.findElement(By.tagName("body")).getText();
		}
		finally {
			browser.quit();
			FileSystemUtils.deleteRecursively(profile.toFile());
		}
	}

}

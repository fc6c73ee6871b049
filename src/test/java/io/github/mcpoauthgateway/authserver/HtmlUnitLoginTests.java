package io.github.mcpoauthgateway.authserver;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/**
 * The browser flow in HtmlUnit: needs no installed browser.
 */
class HtmlUnitLoginTests extends AbstractBrowserLoginTests {

	@Override
	String signInWithBrowser(String authorizationUrl, String username, String password) {
		try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
			browser.getOptions().setCssEnabled(false);
			browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
			HtmlPage login = browser.getPage(authorizationUrl);
			login.getHtmlElementById("username").type(username);
			login.getHtmlElementById("password").type(password);
			Page landed = login.getHtmlElementById("sign-in").click();
			return (landed instanceof HtmlPage html) ? html.asNormalizedText()
					: landed.getWebResponse().getContentAsString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

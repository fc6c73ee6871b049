package io.github.mcpoauthgateway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.mcpoauthgateway.cli.oauth.Browser;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/**
 * The user at the browser, played by HtmlUnit: signs in on the login page, and the
 * browser follows the redirect to the client's loopback receiver.
 */
final class TestBrowser implements Browser {

	private final List<URI> opened = new ArrayList<>();

	private String username;

	private String password;

	private String lastPageText = "";

	TestBrowser(String username, String password) {
		this.username = username;
		this.password = password;
	}

	void signInAs(String username, String password) {
		this.username = username;
		this.password = password;
	}

	List<URI> opened() {
		return this.opened;
	}

	String lastPageText() {
		return this.lastPageText;
	}

	@Override
	public boolean open(URI url) {
		this.opened.add(url);
		signIn(url.toString());
		return true;
	}

	void signIn(String url) {
		try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
			browser.getOptions().setCssEnabled(false);
			browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
			org.htmlunit.Page page = browser.getPage(url);
			if (page instanceof HtmlPage login && login.getElementById("username") != null) {
				login.getHtmlElementById("username").type(this.username);
				login.getHtmlElementById("password").type(this.password);
				page = login.getHtmlElementById("sign-in").click();
			}
			this.lastPageText = (page instanceof HtmlPage html) ? html.asNormalizedText()
					: page.getWebResponse().getContentAsString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

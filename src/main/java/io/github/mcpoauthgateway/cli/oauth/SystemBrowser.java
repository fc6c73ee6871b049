package io.github.mcpoauthgateway.cli.oauth;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The user's default browser: through the desktop integration when there is a display,
 * else the platform's opener command.
 */
public final class SystemBrowser implements Browser {

	@Override
	public boolean open(URI url) {
		if (!GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
				&& Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
			try {
				Desktop.getDesktop().browse(url);
				return true;
			}
			catch (IOException | UnsupportedOperationException ex) {
				// Fall back to the platform's command.
			}
		}
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		List<String> command;
		if (os.contains("mac")) {
			command = List.of("open", url.toString());
		}
		else if (os.contains("win")) {
			command = List.of("rundll32", "url.dll,FileProtocolHandler", url.toString());
		}
		else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
			command = List.of("xdg-open", url.toString());
		}
		else {
			return false;
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return !process.waitFor(3, TimeUnit.SECONDS) || process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

package io.github.mcpoauthgateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback that a test can cut, to take a server (PostgreSQL) away
 * from the application and give it back without touching the server itself: while cut,
 * every open connection is closed and new ones are closed at once; or slowed, as a
 * database on an overloaded host or a congested link would be, each read held back before
 * it is passed on.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int target;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private volatile long delayMillis;

	public TcpProxy(int target) throws IOException {
		this.target = target;
		this.listener = new ServerSocket();
		this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread acceptor = new Thread(this::accept, "tcp-proxy-" + this.listener.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Closes every connection, and every new one until {@link #restore()}.
	 */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	public void restore() {
		this.cut = false;
		this.delayMillis = 0;
	}

	/**
	 * Holds back every read, in both directions and on open connections too, by the given
	 * time, until {@link #restore()}.
	 * @param delay the delay of each packet
	 */
	public void delay(Duration delay) {
		this.delayMillis = delay.toMillis();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.cut) {
					closeQuietly(client);
					continue;
				}
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.open.add(client);
				this.open.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// The listener was closed, or the target refused: next one.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					long delay = this.delayMillis;
					if (delay > 0) {
						Thread.sleep(delay);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Closed by the other side or by cut().
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.listener.close();
	}

}

package io.github.mcpoauthgateway.mcp;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a complete JSON answer of the stateless transport in one write, with a
 * {@code Content-Length}.
 * <p>
 * The SDK flushes its writer after each JSON answer. On a keep-alive connection that
 * commits the headers with chunked transfer encoding, and ending the request then costs a
 * second write (and a second wake-up of the client) for the closing chunk: about a tenth
 * of the CPU of a tool call. Nobody reads a JSON-RPC answer before it is whole, so its
 * flushes are held back and the container sends it when the request ends (in pieces only
 * when it outgrows the response buffer). Any other content, such as an event stream, is
 * flushed as before.
 */
final class JsonResponseFlushFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new DeferredFlushResponse(response));
	}

	private static final class DeferredFlushResponse extends HttpServletResponseWrapper {

		private @Nullable PrintWriter writer;

		private @Nullable ServletOutputStream outputStream;

		DeferredFlushResponse(HttpServletResponse response) {
			super(response);
		}

		private boolean isJson() {
			String contentType = getContentType();
			return contentType != null && contentType.regionMatches(true, 0, MediaType.APPLICATION_JSON_VALUE, 0,
					MediaType.APPLICATION_JSON_VALUE.length());
		}

		@Override
		public void flushBuffer() throws IOException {
			if (!isJson()) {
				super.flushBuffer();
			}
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				this.writer = new PrintWriter(super.getWriter()) {

					@Override
					public void flush() {
						if (!isJson()) {
							super.flush();
						}
					}

				};
			}
			return this.writer;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.outputStream == null) {
				ServletOutputStream delegate = super.getOutputStream();
				this.outputStream = new ServletOutputStream() {

					@Override
					public void write(int b) throws IOException {
						delegate.write(b);
					}

					@Override
					public void write(byte[] bytes, int offset, int length) throws IOException {
						delegate.write(bytes, offset, length);
					}

					@Override
					public void flush() throws IOException {
						if (!isJson()) {
							delegate.flush();
						}
					}

					@Override
					public void close() throws IOException {
						delegate.close();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						delegate.setWriteListener(listener);
					}

				};
			}
			return this.outputStream;
		}

	}

}

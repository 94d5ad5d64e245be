package cn.partybuilding.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A response goes out whole, after the request is handled, not in pieces while it is written. Spring MVC flushes
 * every {@code ResponseEntity} once it is written (a page of meetings, transfers, the dues roll) and a view once it
 * is rendered, and the default 8 KB buffer commits a longer page halfway; at that commit Spring Session saves the
 * session and then reads it back from the database, a second round trip for every such request. Held here (inside
 * the session and security filters, so they see no commit), a page of up to {@link #BUFFER_BYTES} is sent with its
 * length once the filters are done; a longer body (an export) still streams each time the buffer fills. Nothing in
 * the platform streams by flushing (no server-sent events, no asynchronous requests).
 */
@Component
class WholeResponses extends OncePerRequestFilter {

	/** Bytes held before the response commits: the largest default page of any list (60 KB) with room to spare. */
	static final int BUFFER_BYTES = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setBufferSize(BUFFER_BYTES);
		chain.doFilter(request, new Held(response));
	}

	/** The response with its explicit flushes left to the container, which sends the rest when the request ends. */
	private static final class Held extends HttpServletResponseWrapper {

		private ServletOutputStream out;

		private PrintWriter writer;

		Held(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void flushBuffer() {
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (out == null) {
				ServletOutputStream body = super.getOutputStream();
				out = new ServletOutputStream() {
					@Override
					public void write(int b) throws IOException {
						body.write(b);
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						body.write(b, off, len);
					}

					@Override
					public void flush() {
					}

					@Override
					public void close() throws IOException {
						body.close();
					}

					@Override
					public boolean isReady() {
						return body.isReady();
					}

					@Override
					public void setWriteListener(WriteListener listener) {
						body.setWriteListener(listener);
					}
				};
			}
			return out;
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (writer == null) {
				writer = new PrintWriter(super.getWriter(), false) {
					@Override
					public void flush() {
					}
				};
			}
			return writer;
		}
	}
}

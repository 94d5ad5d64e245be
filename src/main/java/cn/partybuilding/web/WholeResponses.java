package cn.partybuilding.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

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
		Held held = new Held(response);
		chain.doFilter(request, held);
		held.finish();
	}

	/** The response with its explicit flushes left to the container, which sends the rest when the request ends. */
	private static final class Held extends HttpServletResponseWrapper {

		private ServletOutputStream out;

		private PrintWriter writer;

		private Charset charset;

		private Encoded encoded;

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

		/**
		 * Characters are encoded here, a page at a time, into the held bytes ({@link Encoded}). The charset is the
		 * response's, made explicit in its Content-Type and fixed from now on, as the container's own writer does.
		 */
		@Override
		public PrintWriter getWriter() throws IOException {
			if (writer == null) {
				String name = getCharacterEncoding();
				try {
					charset = Charset.forName(name);
				}
				catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
					throw new UnsupportedEncodingException(name);
				}
				super.setCharacterEncoding(name);
				encoded = new Encoded(getOutputStream(), charset);
				writer = new PrintWriter(encoded, false);
			}
			return writer;
		}

		@Override
		public void setCharacterEncoding(String name) {
			if (writer == null) {
				super.setCharacterEncoding(name);
			}
		}

		@Override
		public void setContentType(String type) {
			super.setContentType(type);
			if (writer != null && type != null) {
				super.setCharacterEncoding(charset.name());
			}
		}

		@Override
		public void resetBuffer() {
			super.resetBuffer();
			if (encoded != null) {
				encoded.discard();
			}
		}

		@Override
		public void reset() {
			super.reset();
			if (encoded != null) {
				encoded.discard();
				super.setCharacterEncoding(charset.name());
			}
		}

		/** What was written as characters and not yet encoded goes into the held bytes. */
		void finish() {
			if (writer != null) {
				writer.flush();
			}
		}
	}

	/**
	 * Characters to bytes by {@link String#getBytes(Charset)}, a page (or {@link #HELD_CHARS}) at a time. The container
	 * encodes what its writer is given char by char through a {@code CharsetEncoder}, after copying it into a buffer
	 * of its own: 5% of the dues roll page at a school (48 KB, mostly Chinese), sampled; encoding the same page whole
	 * took about half that (issue 23). A flush encodes what is held; sending stays the container's.
	 */
	static final class Encoded extends Writer {

		/** Characters held before they are encoded: a longer body (an export) is encoded as it is written. */
		static final int HELD_CHARS = 16 * 1024;

		private final OutputStream out;

		private final Charset charset;

		private final StringBuilder held = new StringBuilder();

		Encoded(OutputStream out, Charset charset) {
			this.out = out;
			this.charset = charset;
		}

		@Override
		public void write(String text, int off, int len) throws IOException {
			if (held.isEmpty() && len >= HELD_CHARS && !Character.isHighSurrogate(text.charAt(off + len - 1))) {
				// a rendered page comes in one piece: encoded as it is, no copy held
				out.write(text.substring(off, off + len).getBytes(charset));
				return;
			}
			held.append(text, off, off + len);
			encodeIfFull();
		}

		@Override
		public void write(char[] chars, int off, int len) throws IOException {
			held.append(chars, off, len);
			encodeIfFull();
		}

		@Override
		public void write(int c) throws IOException {
			held.append((char) c);
			encodeIfFull();
		}

		@Override
		public void flush() throws IOException {
			encode(held.length());
		}

		@Override
		public void close() throws IOException {
			flush();
		}

		void discard() {
			held.setLength(0);
		}

		private void encodeIfFull() throws IOException {
			int end = held.length();
			if (end >= HELD_CHARS) {
				// a surrogate pair is never cut in two: its first half waits for its second
				encode(Character.isHighSurrogate(held.charAt(end - 1)) ? end - 1 : end);
			}
		}

		private void encode(int end) throws IOException {
			if (end > 0) {
				out.write(held.substring(0, end).getBytes(charset));
				held.delete(0, end);
			}
		}
	}
}

package cn.partybuilding.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A list's page is held until the request is done, so the session is not saved and read back halfway through it;
 * an export longer than the buffer still streams.
 */
class WholeResponsesTest {

	private static final byte[] LINE = "{\"name\":\"张三\",\"month\":\"2026-12\",\"amount\":\"45.00\"},"
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void aPageWrittenAndFlushedAsSpringMvcDoesIsNotCommittedBeforeTheRequestEnds() throws Exception {
		boolean[] committed = { false };
		MockHttpServletResponse response = new MockHttpServletResponse();
		new WholeResponses().doFilter(new MockHttpServletRequest("GET", "/api/v1/dues/roll"), response, (req, res) -> {
			for (int written = 0; written + LINE.length <= 60 * 1024; written += LINE.length) {
				res.getOutputStream().write(LINE);
				committed[0] |= res.isCommitted();
			}
			res.getOutputStream().flush();
			res.flushBuffer();
			committed[0] |= res.isCommitted();
		});
		assertThat(committed[0]).as("committed before the request ended").isFalse();
		assertThat(response.isCommitted()).isFalse();
		assertThat(response.getContentAsByteArray().length).isGreaterThan(56 * 1024);
	}

	@Test
	void aRenderedPageFlushedThroughItsWriterIsHeldToo() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCharacterEncoding("UTF-8");
		new WholeResponses().doFilter(new MockHttpServletRequest("GET", "/members"), response, (req, res) -> {
			res.getWriter().write("<!DOCTYPE html>" + "<p>党员名册</p>".repeat(2_000));
			res.getWriter().flush();
		});
		assertThat(response.isCommitted()).isFalse();
		assertThat(response.getContentAsString()).endsWith("<p>党员名册</p>");
	}

	@Test
	void anExportLongerThanTheBufferStillStreams() throws Exception {
		boolean[] committed = { false };
		new WholeResponses().doFilter(new MockHttpServletRequest("GET", "/api/v1/members/export"),
				new MockHttpServletResponse(), (req, res) -> {
					for (int written = 0; written <= WholeResponses.BUFFER_BYTES + LINE.length; written += LINE.length) {
						res.getOutputStream().write(LINE);
					}
					committed[0] = res.isCommitted();
				});
		assertThat(committed[0]).as("committed once the buffer was full").isTrue();
	}

	@Test
	void aPageWrittenAsCharactersInAnyPiecesIsTheBytesItsCharsetGives() throws Exception {
		String page = "<!DOCTYPE html><p>党费 · 🎉 第一党支部</p>".repeat(900);
		int held = WholeResponses.Encoded.HELD_CHARS;
		StringBuilder expected = new StringBuilder();
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setContentType("text/html");
		response.setCharacterEncoding("UTF-8");
		new WholeResponses().doFilter(new MockHttpServletRequest("GET", "/dues"), response, (req, res) -> {
			var out = res.getWriter();
			// a whole page at once, then pieces: one that fills the held characters up to a pair's first half
			out.write(page);
			String filler = "a".repeat(held - 1);
			out.write(filler);
			out.write(0xD83C);
			out.write(0xDF89);
			out.write(page.toCharArray(), 3, 5_001);
			out.write(page, 17, held + 3);
			expected.append(page).append(filler).append("🎉").append(page, 3, 5_004).append(page, 17, 17 + held + 3);
			// not flushed: the filter encodes what is left when the request is done
		});
		assertThat(response.getContentAsByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
	}

	@Test
	void theCharsetIsFixedOnceTheWriterIsGivenOutAndAResetDropsWhatWasWritten() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setContentType("text/html;charset=UTF-8");
		new WholeResponses().doFilter(new MockHttpServletRequest("GET", "/dues"), response, (req, res) -> {
			res.getWriter().write("<p>写到一半</p>");
			res.resetBuffer();
			res.setCharacterEncoding("GBK");
			res.setContentType("text/html;charset=ISO-8859-1");
			res.getWriter().write("<p>出错了</p>");
		});
		assertThat(response.getCharacterEncoding()).isEqualTo("UTF-8");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("<p>出错了</p>");
	}
}

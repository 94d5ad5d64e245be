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
}

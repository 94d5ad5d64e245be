package cn.partybuilding.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout's menus and organisation name are worked out for pages only, not for an answer that is a body. */
class LayoutTest {

	// (a controller's annotations without @Controller: component scanning of the tests must not map them)
	@ResponseBody
	static class Api {

		String json() {
			return "{}";
		}
	}

	static class Pages {

		String page() {
			return "x";
		}

		@ResponseBody
		byte[] file() {
			return new byte[0];
		}
	}

	@Test
	void onlyAPageGetsTheLayout() throws Exception {
		assertThat(Layout.showsPage(handledBy(new HandlerMethod(new Api(), Api.class.getDeclaredMethod("json"))))).isFalse();
		assertThat(Layout.showsPage(handledBy(new HandlerMethod(new Pages(), Pages.class.getDeclaredMethod("file"))))).isFalse();
		assertThat(Layout.showsPage(handledBy(new HandlerMethod(new Pages(), Pages.class.getDeclaredMethod("page"))))).isTrue();
		// no handler method known (an error page, a view controller): the layout as always
		assertThat(Layout.showsPage(new MockHttpServletRequest())).isTrue();
	}

	private static MockHttpServletRequest handledBy(HandlerMethod handler) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
		return request;
	}
}

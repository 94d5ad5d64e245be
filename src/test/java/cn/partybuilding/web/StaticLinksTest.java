package cn.partybuilding.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a link that may name a static file is asked of the resource chain; every other link is written as it is. */
class StaticLinksTest {

	@Test
	void staticPrefixesOnly() {
		assertThat(StaticLinks.mayBeStatic("", "/webjars/bootstrap/css/bootstrap.min.css")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/css/app.css")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/js/app.js")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/favicon.ico")).isTrue();
		assertThat(StaticLinks.mayBeStatic("/ctx", "/ctx/css/app.css")).isTrue();
		assertThat(StaticLinks.mayBeStatic("", "/members")).isFalse();
		assertThat(StaticLinks.mayBeStatic("", "/dues/rules?lang=en")).isFalse();
		assertThat(StaticLinks.mayBeStatic("", "https://www.12371.cn/")).isFalse();
		assertThat(StaticLinks.mayBeStatic("/ctx", "/css/app.css")).isFalse();
	}

	@Test
	void pageLinksAreNotLookedUp() throws Exception {
		List<String> asked = new ArrayList<>();
		ResourceUrlProvider provider = new ResourceUrlProvider() {
			@Override
			public String getForLookupPath(String lookupPath) {
				asked.add(lookupPath);
				return lookupPath.equals("/css/app.css") ? "/css/app-v1.css" : null;
			}
		};
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/dues/rules");
		request.setAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR, provider);
		List<String> written = new ArrayList<>();
		new StaticLinks.Filter().doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			written.add(((HttpServletResponse) res).encodeURL("/members"));
			written.add(((HttpServletResponse) res).encodeURL("/css/app.css"));
		});
		assertThat(written).containsExactly("/members", "/css/app-v1.css");
		assertThat(asked).containsExactly("/css/app.css");
	}
}

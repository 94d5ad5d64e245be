package cn.partybuilding.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links of a page ({@code @{...}}) go through Spring's resource chain only when they can name a static file. The chain
 * (on because of the webjars locator) asks the class path, every location and every jar, for each link a page writes
 * and remembers only what it found: a page link such as {@code /members} was looked for again on every page, about
 * 45 times per page with the menu, most of a page's time (sampled on {@code /dues/rules}, issue 23). The static files
 * all live under these prefixes (classpath static/ and the webjars); any other link stays as it is, as the chain
 * answered for it before.
 */
@Configuration(proxyBeanMethods = false)
class StaticLinks {

	/** Where the static files are: classpath:/static/ holds css/, js/ and favicon.ico; the webjars /webjars/. */
	static final List<String> PREFIXES = List.of("/webjars/", "/css/", "/js/", "/favicon.ico");

	/** Takes the place of Spring Boot's own registration of the filter (same dispatcher types). */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new Filter());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

	static boolean mayBeStatic(String contextPath, String url) {
		if (url == null || !url.startsWith(contextPath)) {
			return false;
		}
		String path = url.substring(contextPath.length());
		for (String prefix : PREFIXES) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** Spring's filter, asked only about links that may be static files. */
	static final class Filter extends ResourceUrlEncodingFilter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!(request instanceof HttpServletRequest httpRequest)
					|| !(response instanceof HttpServletResponse httpResponse)) {
				super.doFilter(request, response, chain);
				return;
			}
			String contextPath = httpRequest.getContextPath();
			super.doFilter(request, response, (wrappedRequest, resolving) -> chain.doFilter(wrappedRequest,
					new HttpServletResponseWrapper((HttpServletResponse) resolving) {
						@Override
						public String encodeURL(String url) {
							return mayBeStatic(contextPath, url) ? super.encodeURL(url) : httpResponse.encodeURL(url);
						}
					}));
		}
	}
}

package cn.partybuilding.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntry;

/** What the shared layout needs on every page: who is signed in, where they act, and their navigation. */
@ControllerAdvice
class Layout {

	private final OrganizationScope scope;

	private final CallerMenus menus;

	private final NavigationMarkup navigation;

	Layout(OrganizationScope scope, CallerMenus menus, NavigationMarkup navigation) {
		this.scope = scope;
		this.menus = menus;
		this.navigation = navigation;
	}

	/**
	 * Where the language switch leads: the same page for a GET; after a form was posted (the address is
	 * then the form's action, which answers only POST) the page the form was on.
	 */
	@ModelAttribute("langBase")
	String langBase(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (!"GET".equals(request.getMethod())) {
			String referer = request.getHeader("Referer");
			try {
				path = referer == null ? "/" : URI.create(referer).getPath();
			}
			catch (IllegalArgumentException ex) {
				path = "/";
			}
		}
		return path == null || path.isEmpty() || !path.startsWith("/") ? "/" : path;
	}

	/** The address of another page of the list being shown, its filters kept: the pager fragment uses it. */
	record PageLink(String path, Map<String, String[]> parameters) {

		public String to(int page) {
			UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
			parameters.forEach((name, values) -> {
				if (!name.equals("page") && !name.equals("_csrf")) {
					link.queryParam(name, (Object[]) values);
				}
			});
			return link.queryParam("page", page).encode().build().toUriString();
		}
	}

	@ModelAttribute("pageLink")
	PageLink pageLink(HttpServletRequest request) {
		return new PageLink(request.getRequestURI(), request.getParameterMap());
	}

	@ModelAttribute("me")
	Caller me() {
		return Caller.current().orElse(null);
	}

	/**
	 * Whether the request shows a page. A handler that answers a body (the JSON API, a file) gets these attributes
	 * too, Spring asks every advice for every handler, but never reads them: the organisation's name and the menus,
	 * a query of several modules each, are left out there (a sixth of the time of {@code /api/v1/me}, sampled).
	 */
	static boolean showsPage(HttpServletRequest request) {
		return !(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)
				|| !handler.hasMethodAnnotation(ResponseBody.class)
						&& !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class);
	}

	@ModelAttribute("myOrganization")
	String myOrganization(HttpServletRequest request) {
		if (!showsPage(request)) {
			return "";
		}
		return Caller.current()
			.flatMap(c -> c.grants().stream().findFirst())
			.flatMap(g -> scope.find(g.organizationId()))
			.map(OrgRef::name)
			.orElse("");
	}

	/** Whether the page carries the phone's bottom navigation (首页 / 学习 / 活动 / 我的): for members only. */
	@ModelAttribute("memberTabs")
	boolean memberTabs() {
		return Caller.current().map(MemberCards::onlyMember).orElse(false);
	}

	/** Which bottom tab the page belongs to. */
	@ModelAttribute("tab")
	String tab(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path == null || path.equals("/")) {
			return "home";
		}
		if (path.startsWith("/study")) {
			return "study";
		}
		if (path.startsWith("/me/meetings") || path.startsWith("/meetings")) {
			return "activity";
		}
		return path.startsWith("/me") ? "me" : "";
	}

	/**
	 * Every module's entries for the caller, in their order ({@code nav}: the home page lists them too; kept a few
	 * seconds, {@link CallerMenus}), and the same as the left navigation's HTML ({@code navHtml}, written once for
	 * each list of entries and language).
	 */
	@ModelAttribute
	void nav(HttpServletRequest request, HttpServletResponse response, Model model) {
		Caller caller = Caller.current().orElse(null);
		if (caller == null || !showsPage(request)) {
			model.addAttribute("nav", List.of());
			model.addAttribute("navHtml", "");
			return;
		}
		List<MenuEntry> entries = menus.entriesFor(caller);
		model.addAttribute("nav", entries);
		model.addAttribute("navHtml",
				navigation.items(entries, RequestContextUtils.getLocale(request), request.getContextPath(), response::encodeURL));
	}
}

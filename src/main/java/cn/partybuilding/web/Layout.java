package cn.partybuilding.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.partybuilding.development.ApplicantRegistry;
import cn.partybuilding.member.MemberRegistry;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Role;

/** What the shared layout needs on every page: who is signed in, where they act, and their navigation. */
@ControllerAdvice
class Layout {

	private final OrganizationScope scope;

	Layout(OrganizationScope scope) {
		this.scope = scope;
	}

	/** A left-navigation entry: message key of its label, its link and its bootstrap icon. */
	record NavItem(String label, String href, String icon) {
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

	@ModelAttribute("me")
	Caller me() {
		return Caller.current().orElse(null);
	}

	@ModelAttribute("myOrganization")
	String myOrganization() {
		return Caller.current()
			.flatMap(c -> c.grants().stream().findFirst())
			.flatMap(g -> scope.find(g.organizationId()))
			.map(OrgRef::name)
			.orElse("");
	}

	@ModelAttribute("nav")
	List<NavItem> nav() {
		List<NavItem> items = new ArrayList<>();
		Caller caller = Caller.current().orElse(null);
		if (caller == null) {
			return items;
		}
		items.add(new NavItem("nav.home", "/", "bi-house"));
		if (caller.grants().stream().anyMatch(g -> g.role().seesOrganizations())) {
			items.add(new NavItem("nav.organizations", "/organizations", "bi-diagram-3"));
		}
		if (MemberRegistry.worksWithMembers(caller)) {
			items.add(new NavItem("nav.members", "/members", "bi-person-vcard"));
		}
		if (ApplicantRegistry.worksWithApplicants(caller)) {
			items.add(new NavItem("nav.applicants", "/applicants", "bi-person-up"));
		}
		if (caller.has(Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE)) {
			items.add(new NavItem("nav.meetings", "/meetings", "bi-calendar-event"));
			items.add(new NavItem("nav.compliance", "/orglife/compliance", "bi-clipboard-check"));
			items.add(new NavItem("nav.dues", "/dues", "bi-cash-coin"));
			items.add(new NavItem("nav.transfers", "/transfers", "bi-arrow-left-right"));
		}
		if (caller.has(Role.MEMBER)) {
			items.add(new NavItem("nav.notifications", "/me/notifications", "bi-bell"));
			items.add(new NavItem("nav.myMeetings", "/me/meetings", "bi-calendar-check"));
			items.add(new NavItem("nav.myDues", "/me/dues", "bi-wallet2"));
			items.add(new NavItem("nav.myTransfer", "/me/transfer", "bi-arrow-left-right"));
			items.add(new NavItem("nav.me", "/me", "bi-person-circle"));
			items.add(new NavItem("nav.myRecord", "/me/record", "bi-journal-bookmark"));
		}
		if (caller.has(Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN)) {
			items.add(new NavItem("nav.accounts", "/accounts", "bi-people"));
		}
		if (caller.has(Role.SYSTEM_ADMIN)) {
			items.add(new NavItem("nav.settings", "/system/settings", "bi-gear"));
		}
		if (caller.has(Role.AUDITOR)) {
			items.add(new NavItem("nav.audit", "/audit", "bi-journal-text"));
		}
		items.add(new NavItem("nav.password", "/account/password", "bi-key"));
		return items;
	}
}

package cn.partybuilding.web;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntry;

/**
 * 我的: the person's own pages in one place on the phone (profile, 纪实, dues, notices, meetings, each module's own
 * entries), their points (day, week, year, for them alone), the language and signing out.
 */
@Controller
class MePage {

	/** Where the menu's entries for a person's own pages begin (see {@link MenuEntry}). */
	private static final int OWN_PAGES = 100;

	private final CallerMenus menus;

	private final MemberCards cards;

	MePage(CallerMenus menus, MemberCards cards) {
		this.menus = menus;
		this.cards = cards;
	}

	@GetMapping("/me")
	String me(Model model, Locale locale) {
		Caller caller = Caller.require();
		model.addAttribute("cards", cards.cards(caller, locale, true));
		model.addAttribute("links", menus.entriesFor(caller).stream().filter(e -> e.order() >= OWN_PAGES).toList());
		return "me";
	}
}

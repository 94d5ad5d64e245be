package cn.partybuilding.content;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;

/** 敏感词库 for the committee, who keep it. */
@Component
class WordMenu implements MenuEntries {

	private final WordList words;

	WordMenu(WordList words) {
		this.words = words;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		return words.keeps(caller)
				? List.of(new MenuEntry(63, "nav.content.words", "/content/words", "bi-shield-exclamation"))
				: List.of();
	}
}

package cn.partybuilding.content;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.MenuEntries;
import cn.partybuilding.shared.MenuEntry;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/** 宣传管理 for authors and reviewers, 栏目 for the committee, 新闻公告 for every reader; reviews waiting as 待办. */
@Component
class ContentMenu implements MenuEntries, ToDoList {

	private final ContentItems items;

	private final Columns columns;

	ContentMenu(ContentItems items, Columns columns) {
		this.items = items;
		this.columns = columns;
	}

	@Override
	public List<MenuEntry> entriesFor(Caller caller) {
		List<MenuEntry> entries = new ArrayList<>();
		if (caller.has(ContentItems.AUTHORS)) {
			entries.add(new MenuEntry(61, "nav.content.items", "/content/items", "bi-megaphone"));
		}
		if (columns.isCommittee(caller)) {
			entries.add(new MenuEntry(62, "nav.content.columns", "/content/columns", "bi-collection"));
		}
		if (caller.grants().stream().anyMatch(g -> g.role().seesOrganizations())) {
			entries.add(new MenuEntry(107, "nav.content.news", "/news", "bi-newspaper"));
		}
		return entries;
	}

	@Override
	public List<ToDo> dueFor(Caller caller) {
		long waiting = items.waitingCount(caller);
		return waiting == 0 ? List.of()
				: List.of(new ToDo(40, "", "content.todo.review", List.of(waiting), "/content/items?state=IN_REVIEW"));
	}
}

package cn.partybuilding.shared;

import java.util.List;

/**
 * One thing the caller should do, for the home page's 待办: where (the organisation's name), what (a message key
 * and its arguments, resolved in the caller's language), and the link that leads to doing it. {@code order}
 * sorts the list (smaller first, as {@link MenuEntry}).
 */
public record ToDo(int order, String organizationName, String messageKey, List<Object> args, String href) {

	public ToDo {
		args = List.copyOf(args);
	}
}

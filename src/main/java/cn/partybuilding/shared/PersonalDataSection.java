package cn.partybuilding.shared;

import java.util.List;

/**
 * One part of what the platform holds about a member, as its owning module gives it for 我的数据: a title
 * and the column headings as message keys, then the rows as text.
 */
public record PersonalDataSection(String title, List<String> columns, List<List<String>> rows) {

	public PersonalDataSection {
		columns = List.copyOf(columns);
		rows = rows.stream().map(r -> r.stream().map(v -> v == null ? "" : v).toList()).toList();
	}
}

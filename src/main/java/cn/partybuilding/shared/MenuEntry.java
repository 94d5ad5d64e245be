package cn.partybuilding.shared;

import java.util.Objects;

/**
 * One navigation entry: where it stands ({@code order}, smaller first: management from 0, a member's own
 * pages from 100, administrators' from 200, the account's own from 300), the message key of its label,
 * its link and its bootstrap icon.
 */
public record MenuEntry(int order, String label, String href, String icon) {

	// Written out rather than the record's generated pair: every page compares its ~25 entries with the kept
	// navigation's key (NavigationMarkup), and the generated methods were 8% of the dues roll's handler, sampled.
	@Override
	public boolean equals(Object other) {
		return this == other || other instanceof MenuEntry e && order == e.order && Objects.equals(href, e.href)
				&& Objects.equals(label, e.label) && Objects.equals(icon, e.icon);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * order + Objects.hashCode(href)) + Objects.hashCode(label);
	}
}

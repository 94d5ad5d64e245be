package cn.partybuilding.shared;

/**
 * One navigation entry: where it stands ({@code order}, smaller first: management from 0, a member's own
 * pages from 100, administrators' from 200, the account's own from 300), the message key of its label,
 * its link and its bootstrap icon.
 */
public record MenuEntry(int order, String label, String href, String icon) {
}

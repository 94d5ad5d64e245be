package cn.partybuilding.dues;

import java.util.List;

/**
 * Members reached a number of consecutive unpaid months: at 3 the member and the branch are told, at 5
 * the general branch too, at 6 the member is flagged for the branch's decision under the 党章 rule — the
 * platform itself never changes anyone's standing.
 */
public record DuesArrearsWarned(List<ArrearsWarning> warnings) {
}

package cn.partybuilding.member;

import java.util.List;

/** Members as other modules name them ({@code refs}, in no order), and how many members a scope holds ({@code count}). */
public record MemberRefsAndCount(List<MemberRef> refs, long count) {

	public MemberRefsAndCount {
		refs = List.copyOf(refs);
	}
}

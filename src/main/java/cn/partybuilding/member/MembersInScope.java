package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The members of many organisations at once, the organisations passed as one array parameter (a province's root
 * holds 25 000 of them: one bind per organisation nears the driver's limit and costs planning time on every call).
 * A fragment of {@link Members}, written with plain SQL in {@link MembersInScopeImpl}.
 */
interface MembersInScope {

	/** Active members of these organisations, by name. */
	List<MemberRef> refsIn(Collection<Long> organizationIds);

	/**
	 * These members (departed ones too), by name: the ids as one array, not a JPQL in-list that Hibernate translates
	 * again on every call (a tenth of a dues roll request's CPU).
	 */
	List<MemberRef> refs(Collection<Long> ids);

	/**
	 * These members (departed ones too) in no order, and how many active members these organisations hold (their kept
	 * counts), in one statement.
	 */
	MemberRefsAndCount refsAndCountIn(Collection<Long> ids, Collection<Long> organizationIds);

	/** Active members of these organisations who have an account. */
	List<MemberAccount> accountsIn(Collection<Long> organizationIds);

	/** Per organisation: how many active members have an account (organisation id, count). */
	List<Object[]> accountCountsIn(Collection<Long> organizationIds);

	/** Where each of these members belongs, the active ones only (one array, any number of ids). */
	Map<Long, Long> activeOrganizationsOf(Collection<Long> memberIds);

	/** Active members of these organisations, in summary. */
	List<MemberSummary> summariesIn(Collection<Long> organizationIds);

	/** Active members of these organisations with this status. */
	int countIn(Collection<Long> organizationIds, MemberStatus status);

	/**
	 * 预备期超期 per organisation: probationary members who joined before {@code joinedBefore}, most first, the first
	 * {@code atMost} organisations (the home page names five; a province's root has thousands); the organisations null:
	 * the whole tree (no scope filter).
	 */
	List<Object[]> probationOverdueByOrganization(Collection<Long> organizationIds, LocalDate joinedBefore, int atMost);

	/** 预备期超期, member by member: probationary members who joined before {@code joinedBefore}. */
	List<MemberSummary> probationOverdueIn(Collection<Long> organizationIds, LocalDate joinedBefore);
}

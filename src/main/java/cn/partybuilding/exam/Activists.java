package cn.partybuilding.exam;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is an 入党积极分子 or 发展对象 now, for an exam offered to the activists of a college: the module that keeps
 * the development pipeline answers (the exam module never reads its tables).
 */
public interface Activists {

	/** The activists and candidates with an account in these organisations: account id to their branch. */
	Map<Long, Long> accountsIn(Set<Long> organizationIds);

	/** The branch of this account's open activist or candidate file, if it has one. */
	Optional<Long> branchOf(long accountId);
}

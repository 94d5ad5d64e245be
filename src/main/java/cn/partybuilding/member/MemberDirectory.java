package cn.partybuilding.member;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;

/**
 * What other modules ask of, and tell, the member database: members by id, organisation or account
 * (names and standing, no personal data beyond the name), a profile within the caller's scope, moving a
 * member (a transfer accepted) or letting them leave (a 回执 back), and registering members another module
 * brings (an incoming letter sealed until accepted; the demo and the scale generator in bulk).
 */
@Facade("what other modules ask of, and tell, the member database")
@Service
@Transactional
public class MemberDirectory {

	/** The key of a read-only transaction's answers of {@link #memberOfAccount}. */
	private static final Object MEMBERS_OF_ACCOUNTS = new Object();

	private final Members members;

	private final MemberRegistry registry;

	private final SensitiveData sensitive;

	private final OrganizationScope scope;

	private final AccountManagement accounts;

	private final MemberComposition composition;

	private final MemberErasure erasure;

	private final MemberListing listing;

	private final ProvinceMembers province;

	MemberDirectory(Members members, MemberRegistry registry, SensitiveData sensitive, OrganizationScope scope,
			AccountManagement accounts, MemberComposition composition, MemberErasure erasure, MemberListing listing,
			ProvinceMembers province) {
		this.listing = listing;
		this.province = province;
		this.composition = composition;
		this.erasure = erasure;
		this.members = members;
		this.registry = registry;
		this.sensitive = sensitive;
		this.scope = scope;
		this.accounts = accounts;
	}

	/**
	 * The member now belongs to another organisation — a transfer the receiving branch accepted (the
	 * transfer module has checked who may, and writes the 纪实); their account's 党员 role follows.
	 */
	public void transferTo(long memberId, long organizationId) {
		Member member = members.findById(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		member.moveTo(organizationId);
		members.saveAndFlush(member);
		if (member.accountId() != null) {
			accounts.followMember(member.accountId(), member.name(), organizationId);
		}
	}

	/**
	 * 编入党小组 (发展党员工作细则 step 19, or when a branch re-forms its groups): the member is placed in one of
	 * their branch's 党小组, or back in the branch itself — never outside the branch (that is a transfer). By
	 * those who manage the branch's members; audited and in the 纪实.
	 */
	public void placeInGroup(Caller caller, long memberId, long organizationId) {
		registry.placeInGroup(caller, memberId, organizationId);
	}

	/**
	 * The member's relationship has left the school (the 回执 of their letter came back): off the active lists,
	 * counts and bills from now on; their profile and 纪实 stay.
	 */
	public void depart(long memberId, LocalDate on) {
		Member member = members.findById(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		member.depart(on);
		members.saveAndFlush(member);
	}

	/**
	 * Retention (个人信息保护法 §19): the ID-card numbers and phones of at most {@code limit} members who departed
	 * before {@code cutoff} are erased, each audited; what the party's archives need is kept. Returns how many;
	 * zero once all are done, so a job calls it until then.
	 */
	public int eraseSensitiveDataOfDepartedBefore(LocalDate cutoff, int limit) {
		return erasure.eraseDepartedBefore(cutoff, limit);
	}

	/** Every member, or the members of these organisations, in summary. */
	@Transactional(readOnly = true)
	public List<MemberSummary> summaries(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? List.of() : members.summariesIn(organizationIds);
	}

	/** How many members these organisations hold (from the counters kept per organisation). */
	@Transactional(readOnly = true)
	public long countIn(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? 0 : listing.countIn(organizationIds);
	}

	/**
	 * These organisations in id order, in batches of whole organisations holding about {@code members} active members
	 * between them (one larger organisation is a batch of its own; at most a thousand organisations a batch): a job
	 * over a province's million members reads them a batch at a time instead of at once.
	 */
	@Transactional(readOnly = true)
	public List<List<Long>> inBatchesOf(Collection<Long> organizationIds, int members) {
		List<Long> sorted = organizationIds.stream().sorted().toList();
		Map<Long, Long> counts = countsIn(sorted);
		List<List<Long>> batches = new ArrayList<>();
		List<Long> batch = new ArrayList<>();
		long inBatch = 0;
		for (Long org : sorted) {
			long n = counts.getOrDefault(org, 0L);
			if (!batch.isEmpty() && (inBatch + n > members || batch.size() >= 1000)) {
				batches.add(batch);
				batch = new ArrayList<>();
				inBatch = 0;
			}
			batch.add(org);
			inBatch += n;
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

	/**
	 * How many members each of these organisations holds (none: absent), in one grouped query: a figure per member
	 * for sixty branches adds up their subtrees from it.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Long> countsIn(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? new HashMap<>() : listing.countsIn(organizationIds);
	}

	/** Who the members of these organisations were on a day (exclusive: the day after a period), in six dimensions. */
	@Transactional(readOnly = true)
	public Composition composition(Collection<Long> organizationIds, LocalDate day) {
		return composition.on(organizationIds, day);
	}

	/** The members behind one bucket of {@link #composition} (a bar of a chart), by name, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<MemberRef> inBucket(Collection<Long> organizationIds, String dimension, String key, LocalDate day,
			int limit) {
		return composition.in(organizationIds, dimension, key, day, limit);
	}

	@Transactional(readOnly = true)
	public List<MemberSummary> allSummaries() {
		return members.summaries();
	}

	@Transactional(readOnly = true)
	public Optional<MemberSummary> summary(long memberId) {
		return members.summaries(List.of(memberId)).stream().findFirst();
	}

	/**
	 * Where each of these members belongs now, the active ones only (a departed member is absent): the members a
	 * module found in its own rows (arrears, say) placed in the tree without reading every member of a scope.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Long> activeOrganizationsOf(Collection<Long> memberIds) {
		return memberIds.isEmpty() ? new HashMap<>() : members.activeOrganizationsOf(memberIds);
	}

	/** The members of these organisations (a meeting's invitees, a branch's roll). */
	@Transactional(readOnly = true)
	public List<MemberRef> membersIn(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? List.of() : members.refsIn(organizationIds);
	}

	/** The members of these organisations who have an account, with it (who is to study an outline, say). */
	@Transactional(readOnly = true)
	public List<MemberAccount> accountsIn(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? List.of() : members.accountsIn(organizationIds);
	}

	/**
	 * How many members with an account each of these organisations has (an outline's audience at the committee:
	 * counted in the database from an index, not 50 000 rows fetched).
	 */
	@Transactional(readOnly = true)
	public Map<Long, Integer> accountCountsIn(Collection<Long> organizationIds) {
		Map<Long, Integer> counts = new HashMap<>();
		if (!organizationIds.isEmpty()) {
			members.accountCountsIn(organizationIds).forEach(r -> counts.put((Long) r[0], ((Number) r[1]).intValue()));
		}
		return counts;
	}

	/** The accounts of these members (for telling them something in the platform). */
	@Transactional(readOnly = true)
	public List<Long> accountsOf(Collection<Long> memberIds) {
		return memberIds.isEmpty() ? List.of() : members.accountsOf(memberIds);
	}

	@Transactional(readOnly = true)
	public List<MemberRef> refs(Collection<Long> memberIds) {
		return memberIds.isEmpty() ? List.of() : members.refs(memberIds);
	}

	/**
	 * These members ({@link #refs}, but in no order) and how many members these organisations hold ({@link #countIn}),
	 * in one round trip: what a page of another module's list asks of members, the names of its lines and the count of
	 * its scope (none: 0, the names alone).
	 */
	@Transactional(readOnly = true)
	public MemberRefsAndCount refsAndCountIn(Collection<Long> memberIds, Collection<Long> organizationIds) {
		if (memberIds.isEmpty() && organizationIds.isEmpty()) {
			return new MemberRefsAndCount(List.of(), 0);
		}
		return members.refsAndCountIn(memberIds, organizationIds);
	}

	/** The members holding these accounts (a committee's members, found through their roles). */
	@Transactional(readOnly = true)
	public List<MemberRef> membersOfAccounts(Collection<Long> accountIds) {
		return accountIds.isEmpty() ? List.of() : members.refsOfAccounts(accountIds);
	}

	/**
	 * The member whose account this is, if any: the chronicle and the member's own pages use it. Within a read-only
	 * transaction asked once per account: the phone home's cards, each module's, asked it eight times a page.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> memberOfAccount(long accountId) {
		if (!TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return members.idOfAccount(accountId);
		}
		@SuppressWarnings("unchecked")
		Map<Long, Optional<Long>> known = (Map<Long, Optional<Long>>) TransactionSynchronizationManager
			.getResource(MEMBERS_OF_ACCOUNTS);
		if (known == null) {
			known = new HashMap<>();
			TransactionSynchronizationManager.bindResource(MEMBERS_OF_ACCOUNTS, known);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(MEMBERS_OF_ACCOUNTS);
				}
			});
		}
		return known.computeIfAbsent(accountId, members::idOfAccount);
	}

	/** Whether the caller works with member profiles at all (the navigation asks). */
	public static boolean worksWithMembers(Caller caller) {
		return caller.has(MemberRegistry.READ);
	}

	/** Whether the caller may see full sensitive values of members at this organisation. */
	@Transactional(readOnly = true)
	public boolean mayReveal(Caller caller, long organizationId) {
		return scope.reaches(caller, organizationId, MemberRegistry.MANAGE);
	}

	@Transactional(readOnly = true)
	public Optional<MemberParticulars> particulars(long memberId) {
		return members.findById(memberId).map(m -> new MemberParticulars(m.id(), m.name(), m.gender(), m.ethnicity(), m.birthDate(),
				m.idCardEncrypted() == null ? null : sensitive.decrypt(m.idCardEncrypted()), m.status(), m.category()));
	}

	/** 我的信息: the caller's own profile (404 when the account belongs to no member). */
	@Transactional(readOnly = true)
	public MemberView mine(Caller caller) {
		return registry.mine(caller);
	}

	/** How many members' 学号/工号 start with this prefix: a generator resumes its numbering from it. */
	@Transactional(readOnly = true)
	public long countWithStaffNumberPrefix(String prefix) {
		return members.countWithStaffNumberPrefix(PlainText.escapeLike(prefix) + "%");
	}

	/** The member of the caller's organisations with this 学号/工号, if any. */
	@Transactional(readOnly = true)
	public Optional<Long> findByStaffNumber(Caller caller, String staffNumber) {
		String number = PlainText.clean(staffNumber);
		return registry.list(caller, new MemberRegistry.Filter(number, null, null, null), 0, 5).getContent().stream()
			.filter(m -> number.equalsIgnoreCase(m.staffNumber()))
			.map(MemberView::id)
			.findFirst();
	}

	/** A profile within the caller's scope, sensitive fields masked (404 outside it). */
	@Transactional(readOnly = true)
	public MemberView find(Caller caller, long id) {
		return registry.find(caller, id);
	}

	/**
	 * A member-to-be described by an incoming introduction letter: checked by the same rules as a
	 * registration (a taken ID-card number included) and sealed — encrypted — until the receiving branch
	 * accepts; then {@link #registerSealed} registers them and opens their account.
	 */
	@Transactional(readOnly = true)
	public String seal(MemberForm form) {
		return registry.seal(form);
	}

	/** The sealed member registered in their branch, with their account and its one-time password. */
	public RegisteredMember registerSealed(Caller caller, String sealed) {
		return registry.registerSealed(caller, sealed);
	}

	/** What a sealed member-to-be is (the receiving branch reviews it before accepting). */
	public MemberForm unseal(String sealed) {
		return registry.unseal(sealed);
	}

	/**
	 * A member registered by the platform itself (the demo), no caller: checked like any registration,
	 * their account opened with an already encoded password. Returns the member's id.
	 */
	public long registerPrepared(MemberForm form, String encodedPassword, boolean mustChange) {
		return registry.seed(form, encodedPassword, mustChange);
	}

	/**
	 * Many members registered by the platform itself (the demo, the scale generator), no caller: each
	 * profile passes the same rules, then all are written in one transaction by the import's bulk path.
	 * The accounts get {@code encodedPassword}, or one-time passwords when it is null. Returns how many.
	 */
	public int registerInBulk(List<MemberForm> forms, String source, String encodedPassword) {
		return registry.seedMany(forms, source, encodedPassword);
	}

	/**
	 * The generated province's members (the province generator, inside its transaction): checked by the member
	 * rules, written with COPY, the i-th linked to the i-th account. Returns how many.
	 */
	public int writeGenerated(List<MemberForm> forms, List<Long> accountIds) {
		return province.write(forms, accountIds);
	}

	/**
	 * An applicant admitted by the 上级党委 (发展党员 step 17): their particulars, sealed when they applied, become a
	 * PROBATIONARY member of the branch with 入党日期 {@code joinDate}, linked to the account they already have
	 * (its APPLICANT role becomes MEMBER). Returns the member's id.
	 */
	public long admit(String sealed, long accountId, long branchId, LocalDate joinDate, String actor) {
		return registry.admit(sealed, accountId, branchId, joinDate, actor);
	}

	/** A probationary member converted (转正, step 24): FULL from {@code conversionDate}. */
	public void convert(long memberId, LocalDate conversionDate) {
		registry.convert(memberId, conversionDate);
	}
}

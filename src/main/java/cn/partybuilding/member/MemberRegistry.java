package cn.partybuilding.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.PageImpl;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.account.CreatedAccount;
import cn.partybuilding.account.MemberAccountOpening;
import cn.partybuilding.organization.DissolutionBlocker;
import cn.partybuilding.organization.Headcount;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;
import cn.partybuilding.shared.OutOfScopeException;
import cn.partybuilding.shared.PlainText;
import cn.partybuilding.shared.Role;

/**
 * The member database: registering members (each gets an account), finding them within the caller's
 * scope with sensitive fields masked, and revealing those fields to the roles allowed, audited.
 */
@Service
@Transactional
class MemberRegistry {

	/** Who works with member profiles: the organisation's administrators and the branch committee. */
	static final Role[] READ = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	/** Who registers members and may see their full ID-card number and phone. */
	static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	private final Members members;

	private final SensitiveData sensitive;

	private final OrganizationScope scope;

	private final AccountManagement accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MemberBulkWriter writer;

	private final MemberRules rules;

	private final MemberListing listing;

	MemberRegistry(Members members, SensitiveData sensitive, OrganizationScope scope, AccountManagement accounts,
			ApplicationEventPublisher events, Clock clock, MemberBulkWriter writer, MemberRules rules,
			MemberListing listing) {
		this.listing = listing;
		this.rules = rules;
		this.writer = writer;
		this.members = members;
		this.sensitive = sensitive;
		this.scope = scope;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The list's filters; all optional. {@code sort} is one of name, staffNumber, joinDate (a leading
	 * minus sorts descending); anything else sorts by organisation and name.
	 */
	record Filter(String q, Long organizationId, Category category, MemberStatus status, Gender gender,
			Education education, Integer joinYear, Integer graduationYear, String sort, Integer partyYearsMin,
			Integer partyYearsMax) {

		public Filter(String q, Long organizationId, Category category, MemberStatus status) {
			this(q, organizationId, category, status, null, null, null, null, null, null, null);
		}

		/** Whether a 党龄 range is asked for: then only members with a 转正日期 can match. */
		boolean byPartyYears() {
			return partyYearsMin != null || partyYearsMax != null;
		}

		/** 党龄 ≥ min: converted on or before today − min years. */
		LocalDate convertedOnOrBefore(LocalDate today) {
			return partyYearsMin == null ? LocalDate.of(3000, 1, 1) : today.minusYears(Math.max(0, partyYearsMin));
		}

		/** 党龄 ≤ max: converted after today − (max + 1) years. */
		LocalDate convertedAfter(LocalDate today) {
			return partyYearsMax == null ? LocalDate.of(1800, 1, 1)
					: today.minusYears(Math.min(Math.max(0, partyYearsMax), 200) + 1L);
		}
	}

	RegisteredMember register(Caller caller, MemberForm form) {
		if (form.organizationId() != null) {
			scope.requireReach(caller, form.organizationId(), READ);
			if (!scope.reaches(caller, form.organizationId(), MANAGE)) {
				throw new NotPermittedException("organization", form.organizationId(), "register members");
			}
		}
		Member member = store(form);
		CreatedAccount account = accounts.openMemberAccount(member.staffNumber(), member.name(),
				member.organizationId());
		member.linkAccount(account.id());
		announce(member, caller.username());
		return new RegisteredMember(member.id(), account.username(), account.initialPassword());
	}

	/** The applicant's sealed particulars registered as a probationary member, on the account they have. */
	long admit(String sealed, long accountId, long branchId, LocalDate joinDate, String actor) {
		MemberForm f = unseal(sealed);
		Member member = store(new MemberForm(f.name(), f.gender(), f.ethnicity(), f.birthDate(), f.idCard(),
				f.nativePlace(), f.education(), f.category(), f.staffNumber(), f.phone(), branchId,
				MemberStatus.PROBATIONARY, joinDate, null, f.graduationYear()));
		member.linkAccount(accountId);
		accounts.followApplicant(accountId, branchId, true);
		events.publishEvent(new MemberRegistered(member.id(), member.organizationId(),
				"发展为预备党员 " + member.name() + "（" + member.staffNumber() + "），入党日期 " + joinDate + "，"
						+ orgName(member.organizationId()),
				actor, clock.instant()));
		return member.id();
	}

	/** 转正: the member is FULL from the date (the development module audits the step and writes the 纪实). */
	void convert(long memberId, LocalDate conversionDate) {
		Member member = members.findById(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		member.convert(conversionDate);
		members.saveAndFlush(member);
	}

	/**
	 * Demo and bulk set-up: a checked profile and its account with an already encoded password, no
	 * caller (the audit log and the chronicle name the system).
	 */
	long seed(MemberForm form, String encodedPassword, boolean mustChange) {
		Member member = store(form);
		member.linkAccount(accounts.openMemberAccount(member.staffNumber(), member.name(), member.organizationId(),
				encodedPassword, mustChange));
		announce(member, "system");
		return member.id();
	}

	/**
	 * Demo and benchmark data in bulk, no caller: each profile passes the same rules, then all are written
	 * in one transaction by the import's bulk path (their chronicles begin with it). The accounts get
	 * {@code encodedPassword} without a forced change, or one-time passwords when it is null. Returns how many.
	 */
	int seedMany(List<MemberForm> forms, String why, String encodedPassword) {
		Map<Long, OrgType> types = new HashMap<>();
		MemberRules.Lookups generated = new MemberRules.Lookups() {
			// the generator numbers people uniquely; the database's unique indexes stay the last word

			@Override
			public boolean idCardTaken(List<String> idCardHashes, long exceptId) {
				return false;
			}

			@Override
			public boolean staffNumberTaken(String staffNumber, long exceptId) {
				return false;
			}

			@Override
			public OrgType typeOf(long organizationId) {
				return types.computeIfAbsent(organizationId, rules::organizationType);
			}
		};
		forms.forEach(f -> rules.check(f, 0L, generated));
		return writer.write(UUID.randomUUID().toString(), why,
				forms.stream().map(f -> new MemberBulkWriter.Creation(f, why)).toList(), List.of(), 0, "system",
				encodedPassword, n -> {
				}).created();
	}

	private Member store(MemberForm form) {
		IdCardNumber idCard = rules.check(form, 0L);
		return members.save(new Member(MemberRules.normalized(form), idCard, sensitive));
	}

	/** Tells the audit log and the chronicle; the account is open by now. */
	private void announce(Member member, String actor) {
		events.publishEvent(new MemberRegistered(member.id(), member.organizationId(),
				"登记党员 " + member.name() + "（" + member.staffNumber() + "），" + orgName(member.organizationId()),
				actor, clock.instant()));
	}

	/** A page of the list, its total (estimated above a count, then {@code totalExact} is false) and the cursor after it. */
	record Listed(Page<MemberView> page, boolean totalExact, String next) {
	}

	/** A page by number ({@code after} null) or the page after a cursor of an earlier page (deep pages at any size). */
	@Transactional(readOnly = true)
	Listed list(Caller caller, Filter filter, int page, int size, String after) {
		listing.oneSnapshot();
		// null: the whole tree (a province's root), listed without a scope filter
		Set<Long> orgs = scope.coversWholeTree(caller, filter.organizationId(), READ) ? null
				: filter.organizationId() == null ? scope.visibleTo(caller, READ)
				: scope.reaches(caller, filter.organizationId(), READ) ? scope.subtree(filter.organizationId()) : Set.of();
		if (orgs != null && orgs.isEmpty()) {
			if (filter.organizationId() != null) {
				throw new OutOfScopeException("organization", filter.organizationId());
			}
			throw new NotPermittedException("member", "*", "list");
		}
		LocalDate today = LocalDate.now(clock);
		int number = Math.min(Math.max(page, 0), 100_000);
		MemberListing.Found found = listing.find(orgs, filter, today, number, size, after);
		Map<Long, Member> byId = (found.ids().isEmpty() ? List.<Member>of() : members.withIds(found.ids().toArray(Long[]::new))).stream()
			.collect(Collectors.toMap(Member::id, m -> m));
		List<Member> rows = found.ids().stream().map(byId::get).filter(Objects::nonNull).toList();
		// the organisations' names for the whole page in one query, not one per row (exports read 1 000 a page);
		// "学院 › 支部", since every college has a 教工第一党支部
		Map<Long, String> names = scope.qualifiedNames(rows.stream().map(Member::organizationId).collect(Collectors.toSet()));
		List<MemberView> views = rows.stream()
			.map(m -> view(m, names.getOrDefault(m.organizationId(), "#" + m.organizationId()), today))
			.toList();
		return new Listed(new PageImpl<>(views, PageRequest.of(number, size), Math.max(found.total(), views.size())),
				found.exact(), found.next());
	}

	@Transactional(readOnly = true)
	Page<MemberView> list(Caller caller, Filter filter, int page, int size) {
		return list(caller, filter, page, size, null).page();
	}

	/**
	 * Saves a corrected profile. {@code version} is the one the editor started from: if someone saved in
	 * between, nothing is written and the editor is told, so no change is lost silently.
	 */
	MemberView correct(Caller caller, long id, long version, MemberForm form) {
		Member member = visible(caller, id, READ);
		requireManage(caller, member.organizationId(), id);
		if (form.organizationId() != null && form.organizationId() != member.organizationId()) {
			scope.requireReach(caller, form.organizationId(), READ);
			requireManage(caller, form.organizationId(), id);
		}
		if (member.version() != version) {
			// answered 409 "数据已被他人修改，请刷新后重试"; nothing of this save is written
			throw new ObjectOptimisticLockingFailureException(Member.class, id);
		}
		MemberForm withStaff = new MemberForm(form.name(), form.gender(), form.ethnicity(), form.birthDate(), form.idCard(),
				form.nativePlace(), form.education(), form.category(), member.staffNumber(), form.phone(),
				form.organizationId(), form.status(), form.joinDate(), form.conversionDate(), form.graduationYear(),
				form.historicalRecord());
		IdCardNumber idCard = rules.check(withStaff, id);
		long before = member.organizationId();
		MemberView old = view(member);
		member.correct(MemberRules.normalized(withStaff), idCard, sensitive);
		members.saveAndFlush(member);
		if (member.accountId() != null) {
			accounts.followMember(member.accountId(), member.name(), member.organizationId());
		}
		events.publishEvent(new MemberProfileCorrected(id, before, member.organizationId(),
				"修改党员信息 " + member.name() + "：" + changes(old, view(member)), caller.username(), clock.instant()));
		return view(member);
	}

	/**
	 * 编入党小组: a member of a branch is placed in one of its 党小组 (or back in the branch itself). Only within
	 * the member's own branch, by those who manage its members; audited and in the 纪实 as a move.
	 */
	void placeInGroup(Caller caller, long id, long organizationId) {
		Member member = visible(caller, id, READ);
		requireManage(caller, member.organizationId(), id);
		OrgRef now = scope.find(member.organizationId()).orElseThrow(() -> new OutOfScopeException("member", id));
		long branch = now.type() == OrgType.GROUP && now.parentId() != null ? now.parentId() : now.id();
		OrgRef target = scope.find(organizationId).orElseThrow(() -> new OutOfScopeException("organization", organizationId));
		boolean inBranch = target.id() == branch || target.type() == OrgType.GROUP && Objects.equals(target.parentId(), branch);
		if (!inBranch) {
			throw new FieldProblem("organizationId", "member.group.notInBranch");
		}
		if (target.id() == member.organizationId()) {
			return;
		}
		long before = member.organizationId();
		member.moveTo(target.id());
		members.saveAndFlush(member);
		if (member.accountId() != null) {
			accounts.followMember(member.accountId(), member.name(), target.id());
		}
		events.publishEvent(new MemberProfileCorrected(id, before, target.id(),
				(target.type() == OrgType.GROUP ? "编入党小组 " : "调回党支部 ") + target.name() + "：" + member.name(),
				caller.username(), clock.instant()));
	}

	/**
	 * A correction from the page, where the full ID-card number and phone are not shown: left empty, they
	 * keep their stored values (decrypted here only to be checked and stored again, never shown).
	 */
	MemberView correctKeepingSecrets(Caller caller, long id, Long version, MemberForm form) {
		Member member = visible(caller, id, READ);
		String idCard = form.idCard() != null && !form.idCard().isBlank() ? form.idCard()
				: member.idCardEncrypted() == null ? null : sensitive.decrypt(member.idCardEncrypted());
		String phone = form.phone() == null || form.phone().isBlank()
				? member.phoneEncrypted() == null ? null : sensitive.decrypt(member.phoneEncrypted()) : form.phone();
		return correct(caller, id, version == null ? -1 : version, new MemberForm(form.name(), form.gender(),
				form.ethnicity(), form.birthDate(), idCard, form.nativePlace(), form.education(), form.category(),
				form.staffNumber(), phone, form.organizationId(), form.status(), form.joinDate(), form.conversionDate(),
				form.graduationYear(), form.historicalRecord()));
	}

	/** Which fields changed, by name only: sensitive values never go into the audit log. */
	static String changes(MemberView a, MemberView b) {
		List<String> changed = new ArrayList<>();
		if (!a.name().equals(b.name())) { changed.add("姓名 " + a.name() + "→" + b.name()); }
		if (a.gender() != b.gender()) { changed.add("性别"); }
		if (!Objects.equals(a.ethnicity(), b.ethnicity())) { changed.add("民族"); }
		if (!a.birthDate().equals(b.birthDate())) { changed.add("出生日期"); }
		if (!a.idCard().equals(b.idCard())) { changed.add("身份证号"); }
		if (!Objects.equals(a.phone(), b.phone())) { changed.add("手机号"); }
		if (!Objects.equals(a.nativePlace(), b.nativePlace())) { changed.add("籍贯"); }
		if (a.education() != b.education()) { changed.add("学历"); }
		if (a.category() != b.category()) { changed.add("人员类别"); }
		if (a.organizationId() != b.organizationId()) { changed.add("所在党组织 " + a.organizationName() + "→" + b.organizationName()); }
		if (a.status() != b.status()) { changed.add("党员状态"); }
		if (!a.joinDate().equals(b.joinDate())) { changed.add("入党日期"); }
		if (!Objects.equals(a.conversionDate(), b.conversionDate())) { changed.add("转正日期"); }
		if (!Objects.equals(a.graduationYear(), b.graduationYear())) { changed.add("毕业年份"); }
		if (a.historicalRecord() != b.historicalRecord()) { changed.add(b.historicalRecord() ? "标为历史记录" : "取消历史记录标记"); }
		return changed.isEmpty() ? "无变化" : String.join("，", changed);
	}

	private void requireManage(Caller caller, long organizationId, long memberId) {
		if (!scope.reaches(caller, organizationId, MANAGE)) {
			throw new NotPermittedException("member", memberId, "correct");
		}
	}

	private static final JsonMapper SEALS = JsonMapper.builder().build();

	/** 我的信息: the caller's own profile (404 when the account belongs to no member). */
	@Transactional(readOnly = true)
	MemberView mine(Caller caller) {
		return members.idOfAccount(caller.accountId()).flatMap(members::findById).map(this::view)
			.orElseThrow(() -> new OutOfScopeException("member", "me"));
	}

	@Transactional(readOnly = true)
	MemberView find(Caller caller, long id) {
		return view(visible(caller, id, READ));
	}

	/**
	 * The full ID-card number and phone, for the roles that may see them and for a reason given (the member sees
	 * who looked and why); every reveal is audited. A member whose fields were erased reveals nothing.
	 */
	Revealed reveal(Caller caller, long id, String reason) {
		Member member = visible(caller, id, READ);
		if (!scope.reaches(caller, member.organizationId(), MANAGE)) {
			throw new NotPermittedException("member", id, "reveal");
		}
		String why = PlainText.clean(reason);
		if (why == null || why.isBlank()) {
			throw new FieldProblem("reason", "member.reveal.reason.required");
		}
		if (why.length() > 200) {
			throw new FieldProblem("reason", "member.reveal.reason.long");
		}
		events.publishEvent(new SensitiveDataRevealed(id, "查看完整身份证号和手机号：" + member.name() + "，事由：" + why, why));
		return new Revealed(member.idCardEncrypted() == null ? null : sensitive.decrypt(member.idCardEncrypted()),
				member.phoneEncrypted() == null ? null : sensitive.decrypt(member.phoneEncrypted()));
	}

	/**
	 * A member-to-be described by an incoming introduction letter: checked by the same rules as a
	 * registration (a taken ID-card number included) and sealed — encrypted — until the receiving branch
	 * accepts; then {@link #registerSealed} registers them and opens their account.
	 */
	@Transactional(readOnly = true)
	String seal(MemberForm form) {
		rules.check(form, 0L);
		return sensitive.encrypt(SEALS.writeValueAsString(form));
	}

	/** The sealed member registered in their branch, with their account and its one-time password. */
	RegisteredMember registerSealed(Caller caller, String sealed) {
		return register(caller, unseal(sealed));
	}

	MemberForm unseal(String sealed) {
		return SEALS.readValue(sensitive.decrypt(sealed), MemberForm.class);
	}


	private Member visible(Caller caller, long id, Role... roles) {
		return members.findById(id)
			.filter(m -> scope.reaches(caller, m.organizationId(), roles))
			.orElseThrow(() -> new OutOfScopeException("member", id));
	}

	private String orgName(long id) {
		return scope.find(id).map(OrgRef::name).orElse("#" + id);
	}

	private MemberView view(Member m) {
		return view(m, orgName(m.organizationId()), LocalDate.now(clock));
	}

	static MemberView view(Member m, String organizationName, LocalDate today) {
		return new MemberView(m.id(), m.name(), m.gender(), m.ethnicity(), YearMonth.from(m.birthDate()).toString(),
				m.idCardMasked(),
				m.nativePlace(), m.education(), m.category(), m.staffNumber(), m.phoneMasked(), m.organizationId(),
				organizationName, m.status(), m.joinDate(), m.conversionDate(), m.graduationYear(), m.version(),
				MemberRules.partyYears(m.conversionDate(), today),
				MemberRules.probationOverdue(m.status(), m.joinDate(), today), m.historicalRecord(),
				m.status() == MemberStatus.FULL
						&& MemberRules.lateRecordedConversion(m.historicalRecord(), m.joinDate(), m.conversionDate()));
	}
}

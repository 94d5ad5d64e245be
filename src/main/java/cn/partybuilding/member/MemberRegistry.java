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
import org.springframework.data.domain.Sort;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import cn.partybuilding.account.AccountManagement;
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
@Order(1)
public class MemberRegistry implements Headcount, DissolutionBlocker {

	/** Who works with member profiles: the organisation's administrators and the branch committee. */
	private static final Role[] READ = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY,
			Role.BRANCH_COMMITTEE };

	/** Who registers members and may see their full ID-card number and phone. */
	private static final Role[] MANAGE = { Role.COMMITTEE_ADMIN, Role.GENERAL_BRANCH_ADMIN, Role.BRANCH_SECRETARY };

	private final Members members;

	private final SensitiveData sensitive;

	private final OrganizationScope scope;

	private final AccountManagement accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MemberBulkWriter writer;

	MemberRegistry(Members members, SensitiveData sensitive, OrganizationScope scope, AccountManagement accounts,
			ApplicationEventPublisher events, Clock clock, MemberBulkWriter writer) {
		this.writer = writer;
		this.members = members;
		this.sensitive = sensitive;
		this.scope = scope;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	public record MemberForm(String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
			String nativePlace, Education education, Category category, String staffNumber, String phone,
			Long organizationId, MemberStatus status, LocalDate joinDate, LocalDate conversionDate,
			Integer graduationYear) {
	}

	/**
	 * A profile as lists and details show it: ID-card number and phone masked, and the birth date as year
	 * and month only — the masked middle of an ID-card number <em>is</em> the birth date, so showing both
	 * in full would give the whole number away without the audited reveal.
	 */
	public record MemberView(long id, String name, Gender gender, String ethnicity, String birthDate,
			String idCard, String nativePlace, Education education, Category category, String staffNumber,
			String phone, long organizationId, String organizationName, MemberStatus status, LocalDate joinDate,
			LocalDate conversionDate, Integer graduationYear, long version) {
	}

	/** The new member and, once, the one-time password of their account. */
	public record Registered(long id, String username, String initialPassword) {
	}

	public record Revealed(String idCard, String phone) {
	}

	/**
	 * The list's filters; all optional. {@code sort} is one of name, staffNumber, joinDate (a leading
	 * minus sorts descending); anything else sorts by organisation and name.
	 */
	public record Filter(String q, Long organizationId, Category category, MemberStatus status, Gender gender,
			Education education, Integer joinYear, Integer graduationYear, String sort) {

		public Filter(String q, Long organizationId, Category category, MemberStatus status) {
			this(q, organizationId, category, status, null, null, null, null, null);
		}

		Sort order() {
			String key = sort == null ? "" : sort.trim();
			boolean descending = key.startsWith("-");
			String field = descending ? key.substring(1) : key;
			if (!Set.of("name", "staffNumber", "joinDate").contains(field)) {
				return Sort.by("organizationId", "name", "id");
			}
			return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, field).and(Sort.by("id"));
		}
	}

	public Registered register(Caller caller, MemberForm form) {
		if (form.organizationId() != null) {
			scope.requireReach(caller, form.organizationId(), READ);
			if (!scope.reaches(caller, form.organizationId(), MANAGE)) {
				throw new NotPermittedException("organization", form.organizationId(), "register members");
			}
		}
		Member member = store(form);
		AccountManagement.Created account = accounts.openMemberAccount(member.staffNumber(), member.name(),
				member.organizationId());
		member.linkAccount(account.id());
		announce(member, caller.username());
		return new Registered(member.id(), account.username(), account.initialPassword());
	}

	/**
	 * Demo and bulk set-up: a checked profile and its account with an already encoded password, no
	 * caller (the audit log and the chronicle name the system).
	 */
	public long seed(MemberForm form, String encodedPassword, boolean mustChange) {
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
	public int seedMany(List<MemberForm> forms, String why, String encodedPassword) {
		Map<Long, OrgType> types = new HashMap<>();
		Lookups generated = new Lookups() {
			// the generator numbers people uniquely; the database's unique indexes stay the last word

			@Override
			public boolean idCardTaken(String idCardHash, long exceptId) {
				return false;
			}

			@Override
			public boolean staffNumberTaken(String staffNumber, long exceptId) {
				return false;
			}

			@Override
			public OrgType typeOf(long organizationId) {
				return types.computeIfAbsent(organizationId, stored::typeOf);
			}
		};
		forms.forEach(f -> check(f, 0L, generated));
		return writer.write(UUID.randomUUID().toString(), why,
				forms.stream().map(f -> new MemberBulkWriter.Creation(f, why)).toList(), List.of(), 0, "system",
				encodedPassword, n -> {
				}).created();
	}

	private Member store(MemberForm form) {
		IdCardNumber idCard = check(form, 0L, stored);
		return members.save(new Member(normalized(form), idCard, sensitive));
	}

	/** Tells the audit log and the chronicle; the account is open by now. */
	private void announce(Member member, String actor) {
		events.publishEvent(new MemberRegistered(member.id(), member.organizationId(),
				"登记党员 " + member.name() + "（" + member.staffNumber() + "），" + orgName(member.organizationId()),
				actor, clock.instant()));
	}

	@Transactional(readOnly = true)
	public Page<MemberView> list(Caller caller, Filter filter, int page, int size) {
		Set<Long> orgs = filter.organizationId() == null ? scope.visibleTo(caller, READ)
				: scope.reaches(caller, filter.organizationId(), READ) ? scope.subtree(filter.organizationId()) : Set.of();
		if (orgs.isEmpty()) {
			if (filter.organizationId() != null) {
				throw new OutOfScopeException("organization", filter.organizationId());
			}
			throw new NotPermittedException("member", "*", "list");
		}
		String like = PlainText.containing(filter.q());
		// no year given: the whole range (typed values instead of nulls, which PostgreSQL cannot type)
		LocalDate joinedFrom = filter.joinYear() == null ? LocalDate.of(1900, 1, 1) : LocalDate.of(filter.joinYear(), 1, 1);
		LocalDate joinedBefore = filter.joinYear() == null ? LocalDate.of(3000, 1, 1) : joinedFrom.plusYears(1);
		Page<Member> found = members.search(orgs, like, filter.category(), filter.status(), filter.gender(),
				filter.education(), joinedFrom, joinedBefore, filter.graduationYear() == null ? 0 : filter.graduationYear(),
				PageRequest.of(Math.min(Math.max(page, 0), 100_000), size, filter.order()));
		// the organisations' names for the whole page in one query, not one per row (exports read 1 000 a page)
		Map<Long, String> names = scope.findAll(found.stream().map(Member::organizationId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(OrgRef::id, OrgRef::name));
		return found.map(m -> view(m, names.getOrDefault(m.organizationId(), "#" + m.organizationId())));
	}

	/**
	 * Saves a corrected profile. {@code version} is the one the editor started from: if someone saved in
	 * between, nothing is written and the editor is told, so no change is lost silently.
	 */
	public MemberView correct(Caller caller, long id, long version, MemberForm form) {
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
				form.organizationId(), form.status(), form.joinDate(), form.conversionDate(), form.graduationYear());
		IdCardNumber idCard = check(withStaff, id, stored);
		long before = member.organizationId();
		MemberView old = view(member);
		member.correct(normalized(withStaff), idCard, sensitive);
		members.saveAndFlush(member);
		if (member.accountId() != null) {
			accounts.followMember(member.accountId(), member.name(), member.organizationId());
		}
		events.publishEvent(new MemberProfileCorrected(id, before, member.organizationId(),
				"修改党员信息 " + member.name() + "：" + changes(old, view(member)), caller.username(), clock.instant()));
		return view(member);
	}

	/**
	 * A correction from the page, where the full ID-card number and phone are not shown: left empty, they
	 * keep their stored values (decrypted here only to be checked and stored again, never shown).
	 */
	public MemberView correctKeepingSecrets(Caller caller, long id, Long version, MemberForm form) {
		Member member = visible(caller, id, READ);
		String idCard = form.idCard() == null || form.idCard().isBlank() ? sensitive.decrypt(member.idCardEncrypted())
				: form.idCard();
		String phone = form.phone() == null || form.phone().isBlank()
				? member.phoneEncrypted() == null ? null : sensitive.decrypt(member.phoneEncrypted()) : form.phone();
		return correct(caller, id, version == null ? -1 : version, new MemberForm(form.name(), form.gender(),
				form.ethnicity(), form.birthDate(), idCard, form.nativePlace(), form.education(), form.category(),
				form.staffNumber(), phone, form.organizationId(), form.status(), form.joinDate(), form.conversionDate(),
				form.graduationYear()));
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
		return changed.isEmpty() ? "无变化" : String.join("，", changed);
	}

	private void requireManage(Caller caller, long organizationId, long memberId) {
		if (!scope.reaches(caller, organizationId, MANAGE)) {
			throw new NotPermittedException("member", memberId, "correct");
		}
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
	 * The member's relationship has left the school (the 回执 of their letter came back): off the active lists,
	 * counts and bills from now on; their profile and 纪实 stay.
	 */
	public void depart(long memberId, LocalDate on) {
		Member member = members.findById(memberId).orElseThrow(() -> new OutOfScopeException("member", memberId));
		member.depart(on);
		members.saveAndFlush(member);
	}

	/** A member as other modules name them: id, name, where they belong. No personal data beyond that. */
	public record MemberRef(long id, String name, long organizationId) {
	}

	/**
	 * A member's standing as other modules need it for rules (dues, transfers): no personal data beyond
	 * the name.
	 */
	public record MemberSummary(long id, String name, long organizationId, Category category, MemberStatus status,
			LocalDate joinDate, Integer graduationYear, Long accountId, Instant registeredAt) {
	}

	/** Every member, or the members of these organisations, in summary. */
	@Transactional(readOnly = true)
	public List<MemberSummary> summaries(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? List.of() : members.summariesIn(organizationIds);
	}

	/** How many members these organisations hold. */
	@Transactional(readOnly = true)
	public long countIn(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? 0 : members.countIn(organizationIds);
	}

	@Transactional(readOnly = true)
	public List<MemberSummary> allSummaries() {
		return members.summaries();
	}

	@Transactional(readOnly = true)
	public Optional<MemberSummary> summary(long memberId) {
		return members.summaries(List.of(memberId)).stream().findFirst();
	}

	/** The members of these organisations (a meeting's invitees, a branch's roll). */
	@Transactional(readOnly = true)
	public List<MemberRef> membersIn(Collection<Long> organizationIds) {
		return organizationIds.isEmpty() ? List.of() : members.refsIn(organizationIds);
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

	/** The members holding these accounts (a committee's members, found through their roles). */
	@Transactional(readOnly = true)
	public List<MemberRef> membersOfAccounts(Collection<Long> accountIds) {
		return accountIds.isEmpty() ? List.of() : members.refsOfAccounts(accountIds);
	}

	/** The member whose account this is, if any: the chronicle and the member's own pages use it. */
	@Transactional(readOnly = true)
	public Optional<Long> memberOfAccount(long accountId) {
		return members.idOfAccount(accountId);
	}

	/** 我的信息: the caller's own profile (404 when the account belongs to no member). */
	@Transactional(readOnly = true)
	public MemberView mine(Caller caller) {
		return members.idOfAccount(caller.accountId()).flatMap(members::findById).map(this::view)
			.orElseThrow(() -> new OutOfScopeException("member", "me"));
	}

	/** Whether the caller works with member profiles at all (the navigation asks). */
	public static boolean worksWithMembers(Caller caller) {
		return caller.has(READ);
	}

	/** Whether the caller may see full sensitive values of members at this organisation. */
	@Transactional(readOnly = true)
	public boolean mayReveal(Caller caller, long organizationId) {
		return scope.reaches(caller, organizationId, MANAGE);
	}

	@Transactional(readOnly = true)
	public MemberView find(Caller caller, long id) {
		return view(visible(caller, id, READ));
	}

	/** The full ID-card number and phone, for the roles that may see them; every reveal is audited. */
	public Revealed reveal(Caller caller, long id) {
		Member member = visible(caller, id, READ);
		if (!scope.reaches(caller, member.organizationId(), MANAGE)) {
			throw new NotPermittedException("member", id, "reveal");
		}
		events.publishEvent(new SensitiveDataRevealed(id, "查看完整身份证号和手机号：" + member.name()));
		return new Revealed(sensitive.decrypt(member.idCardEncrypted()),
				member.phoneEncrypted() == null ? null : sensitive.decrypt(member.phoneEncrypted()));
	}

	/**
	 * A member-to-be described by an incoming introduction letter: checked by the same rules as a
	 * registration (a taken ID-card number included) and sealed — encrypted — until the receiving branch
	 * accepts; then {@link #registerSealed} registers them and opens their account.
	 */
	@Transactional(readOnly = true)
	public String seal(MemberForm form) {
		check(form, 0L, stored);
		return sensitive.encrypt(SEALS.writeValueAsString(form));
	}

	/** The sealed member registered in their branch, with their account and its one-time password. */
	public Registered registerSealed(Caller caller, String sealed) {
		return register(caller, unseal(sealed));
	}

	public MemberForm unseal(String sealed) {
		return SEALS.readValue(sensitive.decrypt(sealed), MemberForm.class);
	}

	private static final JsonMapper SEALS = JsonMapper.builder().build();

	/**
	 * What an introduction letter (介绍信) states about the member, the full ID-card number included: the
	 * receiving organisation identifies them by it. Only the transfer module asks, for a letter the
	 * committee issued; the letter's download is audited there.
	 */
	public record Particulars(long id, String name, Gender gender, String ethnicity, LocalDate birthDate, String idCard,
			MemberStatus status, Category category) {
	}

	@Transactional(readOnly = true)
	public Optional<Particulars> particulars(long memberId) {
		return members.findById(memberId).map(m -> new Particulars(m.id(), m.name(), m.gender(), m.ethnicity(), m.birthDate(),
				m.idCardEncrypted() == null ? null : sensitive.decrypt(m.idCardEncrypted()), m.status(), m.category()));
	}

	/** 正式 and 预备 members of a branch, its 党小组 included: the size warnings of 支部工作条例 use it. */
	@Override
	@Transactional(readOnly = true)
	public Count of(long branchId) {
		Set<Long> orgs = scope.subtree(branchId);
		if (orgs.isEmpty()) {
			return new Count(0, 0);
		}
		return new Count(members.countIn(orgs, MemberStatus.FULL), members.countIn(orgs, MemberStatus.PROBATIONARY));
	}

	/** Members are moved out first (their roles would block too, but this says what to do). */
	@Override
	@Transactional(readOnly = true)
	public Optional<String> whyNotDissolve(long organizationId) {
		int count = members.countIn(List.of(organizationId), MemberStatus.FULL)
				+ members.countIn(List.of(organizationId), MemberStatus.PROBATIONARY);
		return count == 0 ? Optional.empty()
				: Optional.of("该组织还有 " + count + " 名党员，请先将他们编入其他党支部（或办理组织关系转接）");
	}

	// ---- rules ----

	private Member visible(Caller caller, long id, Role... roles) {
		return members.findById(id)
			.filter(m -> scope.reaches(caller, m.organizationId(), roles))
			.orElseThrow(() -> new OutOfScopeException("member", id));
	}

	/**
	 * What {@link #check} asks of the stored data. One question per field for a form; an import answers
	 * from what it looked up for the whole file at once.
	 */
	interface Lookups {

		boolean idCardTaken(String idCardHash, long exceptId);

		boolean staffNumberTaken(String staffNumber, long exceptId);

		OrgType typeOf(long organizationId);
	}

	private final Lookups stored = new Lookups() {

		@Override
		public boolean idCardTaken(String idCardHash, long exceptId) {
			return members.idCardTaken(idCardHash, exceptId);
		}

		@Override
		public boolean staffNumberTaken(String staffNumber, long exceptId) {
			return members.staffNumberTaken(staffNumber, exceptId);
		}

		@Override
		public OrgType typeOf(long organizationId) {
			return scope.find(organizationId).map(OrgRef::type).orElse(null);
		}
	};

	/** Every field is checked, so a form or an import row reports all its mistakes at once. */
	IdCardNumber check(MemberForm form, long exceptId, Lookups lookups) {
		List<FieldProblem.Problem> problems = new ArrayList<>();
		String name = PlainText.clean(form.name());
		if (name.isEmpty() || name.length() > 50) {
			problems.add(problem("name", "member.name.required"));
		}
		if (form.gender() == null) {
			problems.add(problem("gender", "member.gender.required"));
		}
		if (PlainText.clean(form.ethnicity()).length() > 20) {
			problems.add(problem("ethnicity", "member.ethnicity.length"));
		}
		if (PlainText.clean(form.nativePlace()).length() > 50) {
			problems.add(problem("nativePlace", "member.nativePlace.length"));
		}
		IdCardNumber idCard = null;
		var idProblem = IdCardNumber.problemWith(form.idCard());
		if (idProblem.isPresent()) {
			problems.add(problem("idCard", idProblem.get()));
		}
		else {
			idCard = IdCardNumber.parse(form.idCard());
			if (form.birthDate() != null && !idCard.birthDate().equals(form.birthDate())) {
				problems.add(problem("birthDate", "member.birthDate.mismatch"));
			}
			if (form.gender() != null && idCard.gender() != form.gender()) {
				problems.add(problem("gender", "member.gender.mismatch"));
			}
			if (lookups.idCardTaken(sensitive.lookupHash(idCard.value()), exceptId)) {
				problems.add(problem("idCard", "member.idCard.taken"));
			}
		}
		LocalDate birth = form.birthDate() != null ? form.birthDate() : idCard == null ? null : idCard.birthDate();
		if (birth == null) {
			problems.add(problem("birthDate", "member.birthDate.required"));
		}
		else if (birth.plusYears(18).isAfter(form.joinDate() != null ? form.joinDate() : LocalDate.now(clock))) {
			// 党章: 年满十八岁 — at the time of joining
			problems.add(problem("birthDate", "member.age.under18",
					form.joinDate() != null ? form.joinDate() : LocalDate.now(clock), birth));
		}
		String staff = form.staffNumber() == null ? "" : form.staffNumber().trim();
		if (!staff.matches("[A-Za-z0-9][A-Za-z0-9_.-]{1,63}")) {
			problems.add(problem("staffNumber", "member.staffNumber.pattern"));
		}
		else if (lookups.staffNumberTaken(staff, exceptId)) {
			problems.add(problem("staffNumber", "member.staffNumber.taken", staff));
		}
		if (form.phone() != null && !form.phone().isBlank() && !form.phone().trim().matches("1[3-9]\\d{9}")) {
			problems.add(problem("phone", "member.phone.format"));
		}
		if (form.education() == null) {
			problems.add(problem("education", "member.education.required"));
		}
		if (form.category() == null) {
			problems.add(problem("category", "member.category.required"));
		}
		if (form.status() == null) {
			problems.add(problem("status", "member.status.required"));
		}
		if (form.joinDate() == null) {
			problems.add(problem("joinDate", "member.joinDate.required"));
		}
		else if (form.joinDate().isAfter(LocalDate.now(clock)) || form.joinDate().getYear() < 1921) {
			problems.add(problem("joinDate", "member.joinDate.range"));
		}
		if (form.conversionDate() != null) {
			if (form.status() == MemberStatus.PROBATIONARY) {
				problems.add(problem("conversionDate", "member.conversionDate.probationary"));
			}
			else if (form.joinDate() != null && !form.conversionDate().isAfter(form.joinDate())) {
				problems.add(problem("conversionDate", "member.conversionDate.beforeJoin"));
			}
		}
		if (form.graduationYear() != null && (form.graduationYear() < 1950 || form.graduationYear() > Year.now(clock).getValue() + 10)) {
			problems.add(problem("graduationYear", "member.graduationYear.range"));
		}
		if (form.organizationId() == null) {
			problems.add(problem("organizationId", "member.organization.required"));
		}
		else {
			OrgType type = lookups.typeOf(form.organizationId());
			if (type != OrgType.BRANCH && type != OrgType.GROUP) {
				problems.add(problem("organizationId", "member.organization.branchOnly"));
			}
		}
		if (!problems.isEmpty()) {
			throw new FieldProblem(problems);
		}
		return idCard;
	}

	static MemberForm normalized(MemberForm f) {
		String ethnicity = PlainText.clean(f.ethnicity());
		return new MemberForm(PlainText.clean(f.name()), f.gender(), ethnicity.isEmpty() ? "汉族" : ethnicity,
				f.birthDate() != null ? f.birthDate() : IdCardNumber.parse(f.idCard()).birthDate(),
				f.idCard(), PlainText.clean(f.nativePlace()), f.education(), f.category(), f.staffNumber(), f.phone(),
				f.organizationId(), f.status(), f.joinDate(), f.conversionDate(), f.graduationYear());
	}

	private static FieldProblem.Problem problem(String field, String key, Object... args) {
		return new FieldProblem.Problem(field, key, args);
	}

	private String orgName(long id) {
		return scope.find(id).map(OrgRef::name).orElse("#" + id);
	}

	private MemberView view(Member m) {
		return view(m, orgName(m.organizationId()));
	}

	static MemberView view(Member m, String organizationName) {
		return new MemberView(m.id(), m.name(), m.gender(), m.ethnicity(), YearMonth.from(m.birthDate()).toString(),
				m.idCardMasked(),
				m.nativePlace(), m.education(), m.category(), m.staffNumber(), m.phoneMasked(), m.organizationId(),
				organizationName, m.status(), m.joinDate(), m.conversionDate(), m.graduationYear(), m.version());
	}
}

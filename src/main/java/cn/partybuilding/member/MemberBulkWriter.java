package cn.partybuilding.member;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.account.CreatedAccount;
import cn.partybuilding.account.MemberAccountOpening;
import cn.partybuilding.organization.OrgRef;
import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.FieldProblem;

/**
 * Writes many checked profiles in one transaction: accounts and members in batches of inserts,
 * corrections through the entity (with its version). Either every row of a file is written or none.
 */
@Component
class MemberBulkWriter {

	private static final int BATCH = 1000;

	private final JdbcTemplate jdbc;

	private final Members members;

	private final SensitiveData sensitive;

	private final AccountManagement accounts;

	private final AccountManagement accountManagement;

	private final OrganizationScope scope;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	MemberBulkWriter(JdbcTemplate jdbc, Members members, SensitiveData sensitive, AccountManagement accounts,
			AccountManagement accountManagement, OrganizationScope scope, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.members = members;
		this.sensitive = sensitive;
		this.accounts = accounts;
		this.accountManagement = accountManagement;
		this.scope = scope;
		this.events = events;
		this.clock = clock;
	}

	/** A checked profile to register; {@code source} says where it came from, e.g. "x.xlsx 第 5 行". */
	record Creation(MemberForm form, String source) {
	}

	record Correction(long memberId, MemberForm form, String source) {
	}

	/** The new accounts with their one-time passwords, in the order of the creations. */
	record Written(List<CreatedAccount> accounts, int created, int updated) {
	}

	/**
	 * {@code encodedPassword} null gives every new account a one-time password (imports); the demo gives
	 * them all its known password.
	 */
	@Transactional
	Written write(String importId, String fileName, List<Creation> creations, List<Correction> corrections, int skipped,
			String actor, String encodedPassword, IntConsumer written) {
		// the tree holds still until this commits: no branch of the file is dissolved or moved meanwhile
		scope.holdStructure();
		Map<Long, String> orgNames = new HashMap<>();
		creations.forEach(c -> orgNames.put(c.form().organizationId(), null));
		corrections.forEach(c -> orgNames.put(c.form().organizationId(), null));
		for (Long id : orgNames.keySet()) {
			String name = scope.find(id).map(OrgRef::name)
				.orElseThrow(() -> new FieldProblem("file", "member.import.organizationGone"));
			orgNames.put(id, name);
		}

		List<MembersImported.Line> lines = new ArrayList<>(creations.size() + corrections.size());
		List<CreatedAccount> opened = accounts.openMemberAccounts(creations.stream()
			.map(c -> new MemberAccountOpening(c.form().staffNumber().trim(), MemberRules.normalized(c.form()).name(),
					c.form().organizationId()))
			.toList(), encodedPassword, "导入 " + fileName, actor);
		List<Long> ids = creations.isEmpty() ? List.of()
				: jdbc.queryForList("select nextval(pg_get_serial_sequence('member', 'id')) from generate_series(1, ?)",
						Long.class, creations.size());
		List<Object[]> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < creations.size(); i++) {
			Creation c = creations.get(i);
			MemberForm form = MemberRules.normalized(c.form());
			Member member = new Member(form, IdCardNumber.parse(form.idCard()), sensitive);
			batch.add(sqlDates(member.insertValues(ids.get(i), opened.get(i).id())));
			lines.add(new MembersImported.Line(ids.get(i), MembersImported.Kind.REGISTERED, "登记党员 " + member.name() + "（"
					+ member.staffNumber() + "），" + orgNames.get(member.organizationId()) + "（批量导入：" + c.source() + "）"));
			if (batch.size() == BATCH || i == creations.size() - 1) {
				jdbc.batchUpdate(Member.INSERT, batch);
				batch.clear();
				written.accept(i + 1);
			}
		}
		Map<Long, Member> existing = members.findAllById(corrections.stream().map(Correction::memberId).toList())
			.stream()
			.collect(Collectors.toMap(Member::id, m -> m));
		int done = creations.size();
		for (Correction c : corrections) {
			Member member = existing.get(c.memberId());
			MemberView before = MemberRegistry.view(member, orgNames.getOrDefault(member.organizationId(),
					scope.find(member.organizationId()).map(OrgRef::name).orElse("")), LocalDate.now(clock));
			MemberForm form = MemberRules.normalized(c.form());
			member.correct(form, IdCardNumber.parse(form.idCard()), sensitive);
			MemberView after = MemberRegistry.view(member, orgNames.get(member.organizationId()), LocalDate.now(clock));
			if (member.accountId() != null) {
				accountManagement.followMember(member.accountId(), member.name(), member.organizationId());
			}
			lines.add(new MembersImported.Line(member.id(), before.organizationId() != after.organizationId()
					? MembersImported.Kind.MOVED : MembersImported.Kind.CORRECTED,
					"修改党员信息 " + member.name() + "：" + MemberRegistry.changes(before, after) + "（批量导入：" + c.source() + "）"));
			if (++done % BATCH == 0) {
				members.flush();
				written.accept(done);
			}
		}
		members.flush();
		written.accept(done);
		events.publishEvent(new MembersImported(importId, fileName, creations.size(), corrections.size(), skipped, lines,
				actor, clock.instant()));
		return new Written(opened, creations.size(), corrections.size());
	}

	/** The driver types java.time dates itself only through setObject with a target type; plain Dates bind everywhere. */
	private static Object[] sqlDates(Object[] values) {
		for (int i = 0; i < values.length; i++) {
			if (values[i] instanceof LocalDate d) {
				values[i] = Date.valueOf(d);
			}
		}
		return values;
	}
}

package cn.partybuilding;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.NewSeat;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.Position;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.PlatformZone;

/** Organisations and members made for a figures test: a fresh branch of its own, so no other test's data counts. */
public final class FigureOrgs {

	private final OrganizationTree tree;

	private final MemberDirectory members;

	private final Caller admin;

	private final String encoded;

	public FigureOrgs(OrganizationTree tree, MemberDirectory members, AccountManagement accounts) {
		this.tree = tree;
		this.members = members;
		this.admin = accounts.callerFor("admin");
		this.encoded = accounts.encode(PlatformTest.DEMO_PASSWORD);
	}

	/** A new general branch under the school committee. */
	public long generalBranch(long committee) {
		String code = PlatformTest.unique("FIG-G");
		return tree.create(admin, new NewOrganization(committee, code, "考核测试党总支" + code, OrgType.GENERAL_BRANCH)).id();
	}

	/** A new branch; with {@code committee} a 书记 and a 组织委员 are seated, so it has a 支部委员会. */
	public long branch(long parent, boolean committee) {
		String code = PlatformTest.unique("FIG-B");
		long id = tree.create(admin, new NewOrganization(parent, code, "考核测试党支部" + code, OrgType.BRANCH)).id();
		LocalDate since = LocalDate.now(PlatformZone.ZONE).minusYears(1);
		tree.appoint(admin, id, new NewSeat(Position.SECRETARY, "王书记", since, null, false));
		if (committee) {
			tree.appoint(admin, id, new NewSeat(Position.ORGANIZATION, "赵委员", since, null, false));
		}
		return id;
	}

	/** {@code n} full members (students, with an account) of the organisation since {@code joined}. */
	public List<Person> members(long orgId, int n, LocalDate joined) {
		List<Person> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add(member(orgId, Category.STUDENT, joined));
		}
		return out;
	}

	public Person member(long orgId, Category category, LocalDate joined) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(25 * 365));
		String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(500) * 2);
		String username = "F" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		String name = "考核测试" + username.substring(1, 5);
		long id = members.registerPrepared(new MemberForm(name, Gender.FEMALE, "汉族", birth,
				first17 + IdCardNumber.checkCharacter(first17), "北京", Education.MASTER, category, username, null, orgId,
				MemberStatus.FULL, joined, joined.plusYears(1), category == Category.STUDENT ? 2030 : null), encoded, false);
		return new Person(id, username, name);
	}

	public record Person(long id, String username, String name) {
	}
}

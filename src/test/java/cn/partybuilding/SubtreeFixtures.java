package cn.partybuilding;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Period;
import cn.partybuilding.shared.PlatformZone;

/**
 * What the tests of the modules' figures share: a college of their own (a general branch under the school with two
 * branches) so their counts are theirs alone, members made in it, and a period of the last year up to today.
 */
public abstract class SubtreeFixtures extends PlatformTest {

	@Autowired
	protected OrganizationTree tree;

	@Autowired
	protected AccountManagement accounts;

	@Autowired
	protected MemberDirectory members;

	/** A general branch and its two branches, each with its code. */
	public record College(long id, long a, long b, String code, String codeA, String codeB) {
	}

	protected College college() {
		Caller admin = accounts.callerFor("admin");
		String code = unique("FIG-");
		long college = tree.create(admin, new NewOrganization(orgId("SFDX"), code, "指标测试总支" + code, OrgType.GENERAL_BRANCH)).id();
		long a = tree.create(admin, new NewOrganization(college, code + "-A", "指标测试甲支部" + code, OrgType.BRANCH)).id();
		long b = tree.create(admin, new NewOrganization(college, code + "-B", "指标测试乙支部" + code, OrgType.BRANCH)).id();
		return new College(college, a, b, code, code + "-A", code + "-B");
	}

	/** A full member of the organisation, registered today: their member id. */
	protected long member(long orgId, String name) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		LocalDate birth = LocalDate.of(1975, 1, 1).plusDays(random.nextInt(9000));
		String first17 = "330106" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(50, 499) * 2);
		String username = unique("FIG");
		return members.registerPrepared(new MemberForm(name, Gender.FEMALE, "汉族", birth,
				first17 + IdCardNumber.checkCharacter(first17), "浙江杭州", Education.BACHELOR, Category.FACULTY, username, null,
				orgId, MemberStatus.FULL, birth.plusYears(25), birth.plusYears(26), null), accounts.encode(DEMO_PASSWORD), false);
	}

	protected static LocalDate today() {
		return LocalDate.now(PlatformZone.ZONE);
	}

	/** The year up to today (tomorrow exclusive), whatever today's date. */
	protected static Period lastYear() {
		return new Period("test", today().minusYears(1), today().plusDays(1));
	}
}

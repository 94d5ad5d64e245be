package cn.partybuilding.dues;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;

/** Members made for a dues test: a known kind, branch and joining date; they sign in with the demo password. */
final class DuesFixtures {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private DuesFixtures() {
	}

	record Person(long id, String username) {
	}

	static Person member(MemberDirectory members, String encodedPassword, long orgId, Category category, LocalDate joined,
			MemberStatus status) {
		int n = SEQUENCE.getAndIncrement();
		LocalDate birth = LocalDate.of(1986, 1, 1).plusDays(n / 400);
		String first17 = "330106" + birth.toString().replace("-", "") + String.format("%03d", n % 400 * 2 + 101);
		String username = "D" + UUID.randomUUID().toString()
			.substring(0, 8).toUpperCase();
		long id = members.registerPrepared(new MemberForm("党费测试" + n, Gender.MALE, "汉族", birth,
				first17 + IdCardNumber.checkCharacter(first17), "浙江杭州", Education.MASTER, category, username, null, orgId,
				status, joined, status == MemberStatus.FULL ? joined.plusYears(1) : null,
				category == Category.STUDENT ? 2028 : null), encodedPassword, false);
		return new Person(id, username);
	}
}

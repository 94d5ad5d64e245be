package cn.partybuilding.privacy;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.Education;
import cn.partybuilding.member.Gender;
import cn.partybuilding.member.IdCardNumber;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberForm;
import cn.partybuilding.member.MemberStatus;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Members of their own for the privacy tests (the demo's are shared by every test of a run). */
abstract class PrivacyTestBase extends PlatformTest {

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	record Person(long id, String username, String idCard, String phone) {
	}

	/** A full member of the branch with an account signing in with the demo password, an ID-card number and a phone. */
	Person member(String orgCode) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		LocalDate birth = LocalDate.of(1990, 1, 1).plusDays(random.nextInt(3000));
		String first17 = "330106" + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(500) * 2);
		String idCard = first17 + IdCardNumber.checkCharacter(first17);
		String phone = "139" + String.format("%08d", random.nextInt(100_000_000));
		String username = "P" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		long id = members.registerPrepared(new MemberForm("隐私测试员", Gender.FEMALE, "汉族", birth,
				idCard, "浙江杭州", Education.BACHELOR, Category.FACULTY, username, phone, orgId(orgCode), MemberStatus.FULL,
				birth.plusYears(22), birth.plusYears(23), null), accounts.encode(DEMO_PASSWORD), false);
		return new Person(id, username, idCard, phone);
	}

	ResultActions reveal(RequestPostProcessor who, long memberId, String reason) throws Exception {
		return mvc.perform(post("/api/v1/members/{id}/reveal", memberId).with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"" + reason + "\"}"));
	}
}

package cn.partybuilding.transfer;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** What the transfer tests share: members made in a branch, a secretary for a branch the demo lacks, the calls. */
abstract class TransferTestBase extends PlatformTest {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	record Person(long id, String username) {
	}

	Person member(String orgCode) {
		return member(orgCode, 2027);
	}

	/** A student member graduating in {@code graduationYear}. */
	Person member(String orgCode, int graduationYear) {
		int n = SEQUENCE.getAndIncrement();
		LocalDate birth = LocalDate.of(2001, 3, 1).plusDays(n / 400);
		String first17 = "510104" + birth.toString().replace("-", "") + String.format("%03d", n % 400 * 2 + 101);
		String username = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		long id = members.registerPrepared(new MemberForm("转接测试" + n, Gender.MALE, "汉族", birth,
				first17 + IdCardNumber.checkCharacter(first17), "四川成都", Education.BACHELOR, Category.STUDENT, username, null,
				orgId(orgCode), MemberStatus.FULL, birth.plusYears(20), birth.plusYears(21), graduationYear), accounts.encode(DEMO_PASSWORD),
				false);
		return new Person(id, username);
	}

	/** A secretary for a branch the demo has none for: a member there given the role. */
	RequestPostProcessor secretaryOf(String orgCode) throws Exception {
		Person p = member(orgCode);
		long account = jdbc.sql("select account_id from member where id = ?").param(p.id()).query(Long.class).single();
		jdbc.sql("insert into account_grant (account_id, role, organization_id) values (?, 'BRANCH_SECRETARY', ?)")
			.params(account, orgId(orgCode)).update();
		return login(p.username());
	}

	ResultActions start(RequestPostProcessor who, long memberId, String toCode) throws Exception {
		return mvc.perform(post("/api/v1/transfers").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"memberId\": %d, \"kind\": \"INTERNAL\", \"toOrgId\": %d, \"reason\": \"转入研究生党支部\"}"
				.formatted(memberId, orgId(toCode))));
	}

	ResultActions act(RequestPostProcessor who, long id, String action) throws Exception {
		return mvc.perform(post("/api/v1/transfers/{id}/" + action, id).with(who).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"材料不全\"}"));
	}

	/** An outgoing letter issued 100 days ago and lapsed 10 days ago, its 回执 not yet back. */
	long lapsedLetter(Person person) throws Exception {
		long id = id(mvc.perform(post("/api/v1/transfers").with(login("branch1")).with(csrf().asHeader())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"memberId": %d, "kind": "OUTGOING", "toOrgName": "杭州某公司党委", "toOrgKind": "EMPLOYER",
					 "toOrgAddress": "杭州市西湖区", "reason": "工作调动"}""".formatted(person.id()))));
		act(login("college1"), id, "approve");
		act(login("admin"), id, "approve");
		jdbc.sql("update transfer set issued_at = issued_at - interval '100 days', valid_until = (now() at time zone 'Asia/Shanghai')::date - 10 where id = ?")
			.param(id).update();
		return id;
	}

	long id(ResultActions created) throws Exception {
		return ((Number) JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	int answer(RequestPostProcessor who, String path, Object... vars) throws Exception {
		return mvc.perform(get(path, vars).with(who)).andReturn().getResponse().getStatus();
	}
}

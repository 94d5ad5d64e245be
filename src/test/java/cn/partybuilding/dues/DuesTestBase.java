package cn.partybuilding.dues;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;
import cn.partybuilding.account.AccountManagement;
import cn.partybuilding.member.Category;
import cn.partybuilding.member.MemberDirectory;
import cn.partybuilding.member.MemberStatus;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import cn.partybuilding.shared.PlatformZone;

/** What the dues tests share: making members, bills and payments through the platform's own paths. */
abstract class DuesTestBase extends PlatformTest {

	@Autowired
	MemberDirectory members;

	@Autowired
	AccountManagement accounts;

	@Autowired
	DuesBilling billing;

	@Autowired
	Clock clock;

	private String encoded;

	YearMonth now() {
		return YearMonth.now(clock);
	}

	/** A student (0.20 a month, no base needed) of SFDX-JSJ-01, a member since {@code joined}. */
	DuesFixtures.Person student(LocalDate joined) {
		return person("SFDX-JSJ-01", Category.STUDENT, joined, MemberStatus.FULL);
	}

	DuesFixtures.Person person(String orgCode, Category category, LocalDate joined, MemberStatus status) {
		if (encoded == null) {
			encoded = accounts.encode(DEMO_PASSWORD);
		}
		return DuesFixtures.member(members, encoded, orgId(orgCode), category, joined, status);
	}

	/** Bills for these months (as the monthly job would have made them). */
	void billed(DuesFixtures.Person person, YearMonth... months) {
		var member = members.summary(person.id()).orElseThrow();
		for (YearMonth m : months) {
			billing.ensure(member, m);
		}
	}

	String state(DuesFixtures.Person person, YearMonth month) {
		return jdbc.sql("select state from dues_bill where member_id = ? and month = ?")
			.params(person.id(), month.atDay(1)).query(String.class).optional().orElse("NONE");
	}

	ResultActions payOffline(RequestPostProcessor who, DuesFixtures.Person person, String extra, YearMonth... months)
			throws Exception {
		StringBuilder list = new StringBuilder();
		for (YearMonth m : months) {
			list.append(list.length() == 0 ? "" : ", ").append('"').append(m).append('"');
		}
		return mvc.perform(post("/api/v1/dues/payments").with(who).with(csrf().asHeader()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"memberId\": " + person.id() + ", \"months\": [" + list + "], \"method\": \"CASH\", \"receiptNo\": \"SJ-"
					+ unique("") + "\"" + extra + "}"));
	}
}

package cn.partybuilding.transfer;

import java.time.LocalDate;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.NotPermittedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import cn.partybuilding.shared.PlatformZone;

/** The façade other modules use: a move asked for, and what a school brings along — letters out, contacts, stays abroad. */
class TransferManagementTest extends TransferTestBase {

	@Autowired
	TransferManagement management;

	@Test
	void aMoveAskedByTheMemberWaitsForTheirBranch() throws Exception {
		Person person = member("SFDX-JSJ-01");
		long id = management.askToMove(accounts.callerFor(person.username()), person.id(), orgId("SFDX-JSJ-02"), "读研");
		mvc.perform(get("/api/v1/transfers/{id}", id).with(login("branch1"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.stage").value("SENDING_BRANCH"))
			.andExpect(jsonPath("$.kind").value("INTERNAL"));
	}

	@Test
	void aLetterIssuedBeforeThePlatformIsFollowedLikeAnyOtherAndLapsesFromItsOwnDay() throws Exception {
		Person person = member("SFDX-JSJ-01");
		EarlierLetter letter = new EarlierLetter(person.id(), Destination.EMPLOYER, "中共某公司委员会", "", "调往外地工作",
				LocalDate.now(PlatformZone.ZONE).minusDays(100));
		// the committee's letters: not a branch's to record; nor one dated tomorrow
		assertThatThrownBy(() -> management.recordEarlierLetter(accounts.callerFor("branch1"), letter))
			.isInstanceOf(NotPermittedException.class);
		assertThatThrownBy(() -> management.recordEarlierLetter(accounts.callerFor("admin"), new EarlierLetter(person.id(), null,
				"", "", "", LocalDate.now(PlatformZone.ZONE).plusDays(1))))
			.isInstanceOfSatisfying(FieldProblem.class, p -> assertThat(p.problems()).extracting(FieldProblem.Problem::field)
				.containsExactlyInAnyOrder("toOrgName", "destination", "reason", "issuedOn"));

		long id = management.recordEarlierLetter(accounts.callerFor("admin"), letter);
		var admin = login("admin");
		mvc.perform(get("/api/v1/transfers/{id}", id).with(admin))
			.andExpect(jsonPath("$.state").value("ISSUED"))
			.andExpect(jsonPath("$.letter.validUntil").value(LocalDate.now(PlatformZone.ZONE).minusDays(10).toString()))
			.andExpect(jsonPath("$.letter.number").value(Matchers.startsWith(LocalDate.now(PlatformZone.ZONE).minusDays(100).getYear() + "-")));
		mvc.perform(get("/api/v1/transfers/pocket-members").with(admin))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")].why").value(Matchers.contains("LETTER_LAPSED")));
		// lapsed within six months of its day: issued again
		act(admin, id, "reissue").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("ISSUED"));
	}

	@Test
	void aContactRecordedOnAnEarlierDayCountsFromThatDayAndNotFromTomorrow() throws Exception {
		Person person = member("SFDX-JSJ-01");
		var branch1 = accounts.callerFor("branch1");
		assertThatThrownBy(() -> management.recordContact(branch1, person.id(), "电话", LocalDate.now(PlatformZone.ZONE).plusDays(1)))
			.isInstanceOfSatisfying(FieldProblem.class, p -> assertThat(p.problems()).extracting(FieldProblem.Problem::field)
				.containsExactly("on"));
		management.recordContact(branch1, person.id(), "电话", LocalDate.now(PlatformZone.ZONE).minusMonths(7));
		management.markAbroad(branch1, person.id(), "英国", LocalDate.now(PlatformZone.ZONE).minusMonths(9));
		mvc.perform(get("/api/v1/transfers/pocket-members").with(login("branch1")))
			.andExpect(jsonPath("$[?(@.memberId == " + person.id() + ")].why").value(Matchers.contains("ABROAD_NO_CONTACT")));
	}
}

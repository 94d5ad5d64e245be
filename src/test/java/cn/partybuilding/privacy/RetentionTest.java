package cn.partybuilding.privacy;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Departed members' ID-card numbers and phones are erased after the retention period; the archive's fields stay. */
class RetentionTest extends PrivacyTestBase {

	@Autowired
	RetentionJob job;

	@Test
	void aMemberDepartedLongerThanTheRetentionPeriodLosesIdCardAndPhoneOnceAndAudited() throws Exception {
		Person longGone = member("SFDX-JSJ-01");
		Person recent = member("SFDX-JSJ-01");
		Person staying = member("SFDX-JSJ-01");
		LocalDate today = LocalDate.now(cn.partybuilding.shared.PlatformZone.ZONE);
		jdbc.sql("update member set departed_on = ? where id = ?").params(today.minusYears(3).minusDays(1), longGone.id()).update();
		jdbc.sql("update member set departed_on = ? where id = ?").params(today.minusYears(2), recent.id()).update();

		assertThat(job.run()).isGreaterThanOrEqualTo(1);
		Map<String, Object> gone = row(longGone.id());
		assertThat(gone.get("id_card_encrypted")).isNull();
		assertThat(gone.get("id_card_hash")).isNull();
		assertThat(gone.get("phone_encrypted")).isNull();
		assertThat(gone.get("phone_hash")).isNull();
		assertThat(gone.get("id_card_masked")).isEqualTo("已删除");
		assertThat(gone.get("sensitive_erased_at")).isNotNull();
		// what the archives keep
		assertThat(gone.get("name")).isEqualTo("隐私测试员");
		assertThat(gone.get("join_date")).isNotNull();
		assertThat(gone.get("conversion_date")).isNotNull();
		assertThat(gone.get("staff_number")).isEqualTo(longGone.username());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'member.erase' and entity_id = ?")
			.param(Long.toString(longGone.id())).query(Long.class).single()).isEqualTo(1);
		for (Person kept : new Person[] { recent, staying }) {
			assertThat(row(kept.id()).get("id_card_hash")).as("within the period or not departed").isNotNull();
			assertThat(row(kept.id()).get("sensitive_erased_at")).isNull();
		}

		// idempotent: a second run touches nobody erased already
		Object erasedAt = gone.get("sensitive_erased_at");
		job.run();
		assertThat(row(longGone.id()).get("sensitive_erased_at")).isEqualTo(erasedAt);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'member.erase' and entity_id = ?")
			.param(Long.toString(longGone.id())).query(Long.class).single()).isEqualTo(1);

		// the profile still shows, the reveal has nothing left to show
		mvc.perform(get("/api/v1/members/{id}", longGone.id()).with(login("branch1")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.idCard").value("已删除"));
		reveal(login("branch1"), longGone.id(), "核对").andExpect(status().isOk())
			.andExpect(jsonPath("$.idCard").doesNotExist());
	}

	private Map<String, Object> row(long id) {
		return jdbc.sql("select * from member where id = ?").param(id).query().singleRow();
	}
}

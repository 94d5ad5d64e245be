package cn.partybuilding.development;

import static cn.partybuilding.development.DevelopmentFixtures.JSON;
import static cn.partybuilding.development.DevelopmentFixtures.done;
import static cn.partybuilding.development.DevelopmentFixtures.step;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import cn.partybuilding.PlatformTest;

/** 集中培训 recorded once for a class; step 11 takes the days and 学时 attended by its date. */
class TrainingApiTest extends PlatformTest {

	@Autowired
	Clock clock;

	private ResultActions training(RequestPostProcessor who, String name, LocalDate from, LocalDate to, int hours,
			List<Long> people) throws Exception {
		return mvc.perform(post("/api/v1/development/trainings").with(csrf()).with(who).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("name", name, "from", from.toString(), "to", to.toString(),
					"hours", hours, "personIds", people))));
	}

	@Test
	void stepElevenTakesTheDaysAndHoursOfTheTrainingsThatEndedByItsDate() throws Exception {
		RequestPostProcessor branch = login("branch1");
		RequestPostProcessor college = login("college1");
		long branchId = orgId("SFDX-JSJ-01");
		List<Long> full = jdbc.sql("select id from member where organization_id = ? and status = 'FULL' and departed_on is null order by id limit 2")
			.param(branchId).query(Long.class).list();
		LocalDate today = LocalDate.now(clock);
		LocalDate applied = today.minusMonths(26);
		String staff = unique("T");
		long id = DevelopmentFixtures.apply(mvc, branch, branchId, staff, "培训人" + staff.substring(1, 5), applied)
			.get("id").asLong();
		LocalDate reviewed = DevelopmentFixtures.throughStepTen(mvc, branch, college, id, applied, full);
		LocalDate stepDate = reviewed.plusDays(30);

		training(branch, "党课", reviewed.plusDays(1), reviewed.plusDays(2), 16, List.of(id)).andExpect(status().isForbidden());
		training(college, " ", reviewed.plusDays(2), reviewed.plusDays(1), 0, List.of())
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", Matchers.hasItems("name", "to", "hours", "personIds")));
		training(college, "发展对象培训班（第一期）", reviewed.plusDays(1), reviewed.plusDays(2), 16, List.of(id))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.days").value(2))
			.andExpect(jsonPath("$.people").value(1));
		step(mvc, college, id, 11, stepDate).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("training"));
		// a training that ends after the step's date does not count for it
		training(college, "后来的培训", stepDate.plusDays(1), stepDate.plusDays(3), 40, List.of(id))
			.andExpect(status().isCreated());
		step(mvc, college, id, 11, stepDate).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.rule").value("training"));
		training(college, "党课：党章学习", reviewed.plusDays(5), reviewed.plusDays(5), 8, List.of(id))
			.andExpect(status().isCreated());
		step(mvc, college, id, 11, stepDate).andExpect(status().isCreated())
			.andExpect(jsonPath("$.days").value(3))
			.andExpect(jsonPath("$.hours").value(24))
			.andExpect(jsonPath("$.note").value("培训记录：发展对象培训班（第一期）、党课：党章学习"));

		mvc.perform(get("/api/v1/development/people/{id}/trainings", id).with(branch))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trainings.length()").value(3))
			.andExpect(jsonPath("$.hours").value(64));
		mvc.perform(get("/api/v1/development/people/{id}/trainings", id).with(login("branch2")))
			.andExpect(status().isNotFound());
		// an applicant (not yet an activist) cannot be put on a training
		String other = unique("T");
		long applicant = DevelopmentFixtures.apply(mvc, branch, branchId, other, "申请人" + other.substring(1, 5), today)
			.get("id").asLong();
		training(college, "再培训", today, today, 8, List.of(id, applicant)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("personIds"));
		mvc.perform(get("/api/v1/development/people/{id}/trainings", applicant).with(branch))
			.andExpect(jsonPath("$.trainings.length()").value(0));
	}
}
